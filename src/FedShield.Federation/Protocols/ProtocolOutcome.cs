using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Federation.Protocols;

/// <summary>What an <see cref="IAggregationProtocol"/> produced for one round.</summary>
/// <param name="Aggregation">The aggregate; null when the round could not complete.</param>
/// <param name="SkipReason">Why the round could not complete (too few survivors, ...); null when it did.</param>
/// <param name="Participants">Clients whose update is in the aggregate, ascending.</param>
/// <param name="Failures">Clients that failed, timed out or misbehaved at any stage, with the reason.</param>
/// <param name="Traffic">Bytes moved per client over all of the round's exchanges.</param>
/// <param name="Metrics">Client metrics the protocol revealed and its own measurements (stage timings, dropouts, ...).</param>
public sealed record ProtocolOutcome(
    AggregationResult? Aggregation,
    string? SkipReason,
    IReadOnlyList<int> Participants,
    IReadOnlyList<ClientFailure> Failures,
    IReadOnlyDictionary<int, Traffic> Traffic,
    MetricSet Metrics);
