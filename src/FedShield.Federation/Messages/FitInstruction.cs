namespace FedShield.Federation.Messages;

/// <summary>
/// Asks one client to train from the global weights for one round.
/// </summary>
/// <param name="Round">The round (1-based).</param>
/// <param name="ClientId">The addressed client.</param>
/// <param name="Weights">The global model's weights; read-only and shared between the clients of a round.</param>
/// <param name="Seed">
/// The client's random seed for this round, derived from (run seed, client, round) by
/// <see cref="SeedStreams"/>. Carrying it in the message makes a client's work the same whichever
/// transport, worker or process runs it.
/// </param>
/// <param name="Settings">Strategy settings for local training.</param>
public sealed record FitInstruction(int Round, int ClientId, ReadOnlyMemory<float> Weights, int Seed, FitSettings Settings);
