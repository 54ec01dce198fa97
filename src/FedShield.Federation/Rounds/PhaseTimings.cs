namespace FedShield.Federation.Rounds;

/// <summary>Wall-clock time of a round's phases.</summary>
/// <param name="Training">From dispatching the instructions to the last reply (local training and transfer).</param>
/// <param name="Aggregation">Folding the updates and applying the server optimizer.</param>
/// <param name="Evaluation">Scoring the global model (server test set and client evaluation).</param>
/// <param name="Total">The whole round.</param>
public readonly record struct PhaseTimings(TimeSpan Training, TimeSpan Aggregation, TimeSpan Evaluation, TimeSpan Total);
