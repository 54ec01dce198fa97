using FedShield.Federation.Messages;
using FedShield.Federation.Protocols;

namespace FedShield.Federation.Strategies;

/// <summary>
/// A federated strategy, composed rather than inherited: who trains (sampler), how their updates
/// combine (aggregator), how the combination moves the global model (server optimizer), and what
/// local training is told (fit settings). The round loop and the stopping rule live outside it.
/// </summary>
/// <param name="Name">A name for reports ("fedavg", "fedadam", ...).</param>
/// <param name="Sampler">Chooses each round's clients.</param>
/// <param name="Aggregator">Combines the deltas.</param>
/// <param name="ServerOptimizer">Applies the combined delta.</param>
/// <param name="FitSettings">Sent to every client with its instruction.</param>
public sealed record Strategy(string Name, IClientSampler Sampler, IAggregator Aggregator, IServerOptimizer ServerOptimizer, FitSettings FitSettings)
{
    /// <summary>
    /// How updates travel to the aggregate: null for plain fit replies, or a protocol that hides the
    /// individual updates (secure aggregation, NISS). The orchestrator rejects an aggregator the
    /// protocol cannot compute.
    /// </summary>
    public IAggregationProtocol? Protocol { get; init; }
}
