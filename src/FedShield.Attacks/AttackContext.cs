namespace FedShield.Attacks;

/// <summary>What an attack needs from the run when it wraps a client.</summary>
/// <param name="RunSeed">The run's root seed: attack randomness is derived from it with <see cref="Federation.SeedStreams.Attack"/>.</param>
/// <param name="Coalition">The malicious clients' shared channel (membership, the round's selection, honest updates).</param>
public sealed record AttackContext(long RunSeed, Coalition Coalition);
