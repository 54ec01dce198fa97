namespace FedShield.Learning;

/// <summary>The local optimizer's algorithm.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay (<c>torch.optim.SGD</c>).</summary>
    Sgd,

    /// <summary>Adam with L2 weight decay added to the gradient (<c>torch.optim.Adam</c>).</summary>
    Adam,

    /// <summary>Adam with decoupled weight decay (<c>torch.optim.AdamW</c>).</summary>
    AdamW,
}
