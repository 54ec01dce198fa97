namespace FedShield.Experiments.Config;

/// <summary>The clients' local optimiser (YAML key <c>training.optimizer</c>).</summary>
public enum OptimizerKind
{
    /// <summary><c>sgd</c>: stochastic gradient descent, with optional (Nesterov) momentum and L2 weight decay.</summary>
    Sgd,

    /// <summary><c>adam</c>: Adam (Kingma and Ba 2015), weight decay added to the gradient.</summary>
    Adam,

    /// <summary><c>adamw</c>: Adam with decoupled weight decay (Loshchilov and Hutter 2019).</summary>
    AdamW,
}
