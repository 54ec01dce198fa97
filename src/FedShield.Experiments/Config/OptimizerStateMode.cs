namespace FedShield.Experiments.Config;

/// <summary>What a client does with its optimiser state between rounds (YAML key <c>training.optimizer_state</c>).</summary>
public enum OptimizerStateMode
{
    /// <summary><c>reset</c>: a fresh optimiser every round (the usual FedAvg client).</summary>
    Reset,

    /// <summary><c>keep</c>: the client keeps its momentum and moment estimates from its previous round.</summary>
    Keep,
}
