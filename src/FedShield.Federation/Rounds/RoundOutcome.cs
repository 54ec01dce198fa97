namespace FedShield.Federation.Rounds;

/// <summary>Whether a round changed the global model.</summary>
public enum RoundOutcome
{
    /// <summary>The aggregate was applied to the global model.</summary>
    Applied,

    /// <summary>The global model was kept (too few replies, an aggregator assumption failed, ...); the record says why.</summary>
    Skipped,
}
