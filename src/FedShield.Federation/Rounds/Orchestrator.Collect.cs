using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Federation.Rounds;

public sealed partial class Orchestrator
{
    private async Task<FitCollection> CollectUpdatesAsync(int round, IReadOnlyList<int> selected, CancellationToken cancellationToken)
    {
        // Clients share one read-only snapshot; the live weights change only after every reply is in.
        var broadcast = (float[])_weights.Clone();
        var instructions = new FitInstruction[selected.Count];
        var position = new Dictionary<int, int>(selected.Count);
        for (var i = 0; i < selected.Count; i++)
        {
            var id = selected[i];
            instructions[i] = new FitInstruction(round, id, broadcast, SeedStreams.Derive(_options.Seed, SeedStreams.ClientFit, id, round), Strategy.FitSettings);
            position[id] = i;
        }

        var collection = new FitCollection(Strategy.Aggregator, broadcast.Length, _time);
        var pending = new ClientReply?[selected.Count];
        var next = 0;
        var done = 0;
        await foreach (var raw in _transport.FitAsync(instructions, _options.RoundTimeout, cancellationToken).ConfigureAwait(false))
        {
            if (!position.TryGetValue(raw.ClientId, out var index) || pending[index] is not null || index < next)
            {
                continue; // not a reply to this round's instructions: nothing to attribute it to
            }

            collection.AddTraffic(raw.ClientId, raw.Traffic);
            var reply = Validate(raw, round, broadcast);
            pending[index] = reply;
            _observer?.ReplyReceived(round, reply, ++done, selected.Count);
            while (next < pending.Length && pending[next] is { } ready)
            {
                collection.Consume(ready);
                pending[next++] = null;
            }
        }

        for (; next < pending.Length; next++)
        {
            collection.Consume(pending[next] ?? new ClientFailure(selected[next], round, FailureKind.Unavailable, "the transport returned no reply"));
        }

        return collection;
    }

    private static ClientReply Validate(ClientReply reply, int round, float[] broadcast)
    {
        if (reply is ClientFailure)
        {
            return reply;
        }

        if (reply is not ClientUpdate update)
        {
            return Malformed(reply, round, $"answered a fit instruction with a {reply.GetType().Name}");
        }

        if (update.Round != round)
        {
            return Malformed(reply, round, $"sent an update for round {update.Round} during round {round}");
        }

        if (update.Values is null || update.Values.Length != broadcast.Length)
        {
            return Malformed(reply, round, $"sent {update.Values?.Length ?? 0} values; the model has {broadcast.Length}");
        }

        if (update.SampleCount <= 0)
        {
            return Malformed(reply, round, $"reported {update.SampleCount} training samples; expected a positive count");
        }

        var bad = IndexOfNonFinite(update.Values);
        if (bad >= 0)
        {
            return Malformed(reply, round, $"sent a non-finite value ({update.Values[bad]}) at index {bad}");
        }

        if (update.Kind == UpdateKind.Weights)
        {
            var values = update.Values;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] -= broadcast[i];
            }

            return update with { Kind = UpdateKind.Delta };
        }

        return update;
    }

    private static ClientFailure Malformed(ClientReply reply, int round, string reason) =>
        new(reply.ClientId, round, FailureKind.Malformed, reason) { Traffic = reply.Traffic };

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private (RoundOutcome Outcome, string? Reason, AggregationResult? Aggregation) Aggregate(IReadOnlyList<int> selected, FitCollection fit)
    {
        var required = _options.RequiredReplies(selected.Count);
        if (fit.Participants.Count < required)
        {
            return (RoundOutcome.Skipped, $"only {fit.Participants.Count} of {selected.Count} selected clients returned a valid update and {required} are required{DescribeFailures(fit.Failures)}; the global model is kept", null);
        }

        AggregationResult result;
        try
        {
            result = fit.Complete();
        }
        catch (InvalidOperationException ex)
        {
            return (RoundOutcome.Skipped, $"aggregator '{Strategy.Aggregator.Name}' refused the round: {ex.Message}; the global model is kept", null);
        }

        return Apply(result);
    }

    /// <summary>Checks an aggregate and, when it is sound, steps the server optimizer with it.</summary>
    private (RoundOutcome Outcome, string? Reason, AggregationResult? Aggregation) Apply(AggregationResult result)
    {
        if (result.Delta.Length != _weights.Length)
        {
            return (RoundOutcome.Skipped, $"aggregator '{Strategy.Aggregator.Name}' returned {result.Delta.Length} values for a model of {_weights.Length}; the global model is kept", result);
        }

        var bad = IndexOfNonFinite(result.Delta);
        if (bad >= 0)
        {
            return (RoundOutcome.Skipped, $"the aggregate has a non-finite value at index {bad}; the global model is kept", result);
        }

        Strategy.ServerOptimizer.Apply(_weights, result.Delta);
        return (RoundOutcome.Applied, null, result);
    }

    private static string DescribeFailures(IReadOnlyList<ClientFailure> failures)
    {
        if (failures.Count == 0)
        {
            return string.Empty;
        }

        var groups = failures.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()}: {g.Count()}");
        return $" ({failures.Count} failed: {string.Join(", ", groups)}; first: client {failures[0].ClientId}: {failures[0].Reason})";
    }

    private async Task<MetricSet> EvaluateClientsAsync(int round, Dictionary<int, Traffic> traffic, CancellationToken cancellationToken)
    {
        if (_options.ClientEvaluationFraction <= 0)
        {
            return MetricSet.Empty;
        }

        var available = _transport.AvailableClients;
        var count = Math.Min(available.Count, Math.Max(1, (int)Math.Ceiling(_options.ClientEvaluationFraction * available.Count - 1e-9)));
        if (count == 0)
        {
            return MetricSet.Empty;
        }

        var chosen = UniformSampler.WithCount(count).Sample(available, round, SeedStreams.Create(_options.Seed, SeedStreams.EvaluationSampling, 0, round));
        var snapshot = (float[])_weights.Clone();
        var instructions = chosen.Select(id => new EvaluateInstruction(round, id, snapshot)).ToArray();
        var results = new SortedDictionary<int, ClientEvaluation>();
        var failed = 0;
        await foreach (var reply in _transport.EvaluateAsync(instructions, _options.RoundTimeout, cancellationToken).ConfigureAwait(false))
        {
            traffic[reply.ClientId] = traffic.GetValueOrDefault(reply.ClientId) + reply.Traffic;
            if (reply is ClientEvaluation e && e.Round == round && e.SampleCount > 0 && double.IsFinite(e.Loss) && double.IsFinite(e.Accuracy))
            {
                results[e.ClientId] = e;
            }
            else if (reply is not ClientEvaluation { SampleCount: 0 })
            {
                failed++;
            }
        }

        double samples = 0, loss = 0, accuracy = 0;
        foreach (var e in results.Values)
        {
            samples += e.SampleCount;
            loss += e.SampleCount * e.Loss;
            accuracy += e.SampleCount * e.Accuracy;
        }

        return MetricSet.Of(
            new Metric("client_eval_loss", samples > 0 ? loss / samples : double.NaN),
            new Metric("client_eval_accuracy", samples > 0 ? accuracy / samples : double.NaN),
            new Metric("client_eval_clients", results.Count),
            new Metric("client_eval_failures", failed));
    }
}
