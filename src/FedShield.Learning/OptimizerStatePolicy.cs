namespace FedShield.Learning;

/// <summary>What happens to a client's optimizer state (momentum, moment estimates, step count) between rounds.</summary>
public enum OptimizerStatePolicy
{
    /// <summary>A fresh optimizer every round, as FedAvg: no state survives a round.</summary>
    Reset,

    /// <summary>Each client keeps its own optimizer state from one round to its next (and in checkpoints, through <see cref="LearningClient.ExportState"/>).</summary>
    Keep,
}
