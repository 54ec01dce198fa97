using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Federation.Rounds;

/// <summary>What an <see cref="IRoundMetric"/> may look at once a round is done.</summary>
/// <param name="Round">The round.</param>
/// <param name="Selected">Clients asked to train.</param>
/// <param name="Participants">Clients whose update counted.</param>
/// <param name="Aggregation">The aggregator's result (null when the round was skipped before aggregating).</param>
/// <param name="Weights">The global weights after the round.</param>
/// <param name="Evaluation">The test-set evaluation of this round, if any.</param>
public sealed record RoundContext(
    int Round,
    IReadOnlyList<int> Selected,
    IReadOnlyList<int> Participants,
    AggregationResult? Aggregation,
    ReadOnlyMemory<float> Weights,
    EvaluationResult? Evaluation);
