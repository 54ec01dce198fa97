using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;

namespace FedShield.Federation.Rounds;

public sealed partial class Orchestrator
{
    /// <summary>A round's training and aggregation, however the updates travelled.</summary>
    private sealed record Gathered(
        RoundOutcome Outcome,
        string? Reason,
        AggregationResult? Aggregation,
        IReadOnlyList<int> Participants,
        IReadOnlyList<ClientFailure> Failures,
        Dictionary<int, Traffic> Traffic,
        MetricSet ClientMetrics,
        TimeSpan TrainingTime,
        TimeSpan AggregationTime);

    private async Task<Gathered> GatherPlainAsync(int round, IReadOnlyList<int> selected, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var fit = await CollectUpdatesAsync(round, selected, cancellationToken).ConfigureAwait(false);
        var trainingTime = _time.GetElapsedTime(start);
        var aggregateStart = _time.GetTimestamp();
        var (outcome, reason, aggregation) = Aggregate(selected, fit);
        var aggregationTime = _time.GetElapsedTime(aggregateStart) + fit.FoldTime;
        return new Gathered(outcome, reason, aggregation, fit.Participants, fit.Failures, fit.Traffic, fit.ClientMetrics.ToMetricSet(), trainingTime, aggregationTime);
    }

    private async Task<Gathered> GatherWithProtocolAsync(IAggregationProtocol protocol, int round, IReadOnlyList<int> selected, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var broadcast = (float[])_weights.Clone();
        var instructions = new FitInstruction[selected.Count];
        for (var i = 0; i < selected.Count; i++)
        {
            instructions[i] = new FitInstruction(round, selected[i], broadcast, SeedStreams.Derive(_options.Seed, SeedStreams.ClientFit, selected[i], round), Strategy.FitSettings);
        }

        var context = new ProtocolRound(round, selected, instructions, _transport, _options.RoundTimeout, _options.RequiredReplies(selected.Count), Strategy.Aggregator, _observer, _time);
        var result = await protocol.RunAsync(context, cancellationToken).ConfigureAwait(false);
        var trainingTime = _time.GetElapsedTime(start);
        var traffic = new Dictionary<int, Traffic>(result.Traffic);

        var applyStart = _time.GetTimestamp();
        (RoundOutcome, string?, AggregationResult?) applied;
        if (result.Aggregation is not { } aggregation)
        {
            applied = (RoundOutcome.Skipped, $"protocol '{protocol.Name}' did not complete: {result.SkipReason ?? "no reason given"}{DescribeFailures(result.Failures)}; the global model is kept", null);
        }
        else if (result.Participants.Count < context.RequiredReplies)
        {
            applied = (RoundOutcome.Skipped, $"only {result.Participants.Count} of {selected.Count} selected clients' updates reached the aggregate under protocol '{protocol.Name}' and {context.RequiredReplies} are required{DescribeFailures(result.Failures)}; the global model is kept", null);
        }
        else
        {
            applied = Apply(aggregation);
        }

        var (outcome, reason, applyResult) = applied;
        return new Gathered(outcome, reason, applyResult, result.Participants, result.Failures, traffic, result.Metrics, trainingTime, _time.GetElapsedTime(applyStart));
    }
}
