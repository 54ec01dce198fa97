namespace FedShield.Federation.Messages;

/// <summary>Asks one client to score the global weights on its validation split.</summary>
/// <param name="Round">The round (1-based).</param>
/// <param name="ClientId">The addressed client.</param>
/// <param name="Weights">The global model's weights (read-only, shared).</param>
public sealed record EvaluateInstruction(int Round, int ClientId, ReadOnlyMemory<float> Weights);
