using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;

namespace FedShield.Federation.Tests.Rounds;

public class OrchestratorTests
{
    private static readonly float[] Start = [0f, 0f, 0f];

    private static List<FakeClient> Clients(int n) => [.. Enumerable.Range(0, n).Select(i => new FakeClient(i, target: i, samples: i + 1))];

    private static Orchestrator Create(ITransport transport, Strategy? strategy = null, OrchestratorOptions? options = null, IGlobalEvaluator? evaluator = null, IEnumerable<IRoundMetric>? metrics = null, IFederationObserver? observer = null) =>
        new(transport, strategy ?? Federation.Strategies.Strategies.FedAvg(UniformSampler.WithFraction(1)), Start, options ?? new OrchestratorOptions(seed: 11), evaluator, metrics, observer);

    [Fact]
    public async Task RunRound_FedAvg_NewModelIsSampleWeightedMeanOfClientModels()
    {
        var clients = Clients(4);
        var orchestrator = Create(new SequentialTransport(clients));
        var record = await orchestrator.RunRoundAsync(evaluate: false);

        // Each client returns w + 0.5·(target − w) + noise, its delta is that minus w; recompute by hand.
        var expected = new double[3];
        double total = 0;
        foreach (var c in clients)
        {
            var instruction = c.Received.Single();
            var noise = new Random(instruction.Seed);
            for (var i = 0; i < 3; i++)
            {
                expected[i] += (c.Id + 1) * ((0.5f * c.Id) + (0.01f * (float)noise.NextDouble()));
            }

            total += c.Id + 1;
        }

        Assert.Equal(RoundOutcome.Applied, record.Outcome);
        Assert.Equal([0, 1, 2, 3], record.Participants);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i] / total, orchestrator.Weights.Span[i], 5);
        }

        Assert.Equal(1, orchestrator.Round);
        Assert.Equal((0 * 1 + 1 * 2 + 2 * 3 + 3 * 4) / 10.0, record.Metrics.GetOrNaN("train_loss"), 10);
    }

    [Fact]
    public async Task RunRound_RepliesOutOfOrder_SameBitsAsInOrder()
    {
        var a = Create(new SequentialTransport(Clients(6)));
        var b = Create(new SequentialTransport(Clients(6), reverse: true));
        for (var r = 0; r < 3; r++)
        {
            await a.RunRoundAsync(false);
            await b.RunRoundAsync(false);
        }

        Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
    }

    [Fact]
    public async Task RunRound_WeightsKind_ConvertedToDelta()
    {
        var deltas = Clients(3);
        var weights = Clients(3);
        weights.ForEach(c => c.Kind = UpdateKind.Weights);
        var a = Create(new SequentialTransport(deltas));
        var b = Create(new SequentialTransport(weights));
        await a.RunRoundAsync(false);
        await b.RunRoundAsync(false);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(a.Weights.Span[i], b.Weights.Span[i], 6);
        }
    }

    [Fact]
    public async Task RunRound_MalformedReplies_BecomeFailuresAndRoundGoesOn()
    {
        var clients = Clients(5);
        clients[1].Override = i => new ClientUpdate(1, i.Round, [1f, float.NaN, 0f], UpdateKind.Delta, 5, MetricSet.Empty);
        clients[2].Override = i => new ClientUpdate(2, i.Round, [1f], UpdateKind.Delta, 5, MetricSet.Empty);
        clients[3].Override = i => new ClientUpdate(3, i.Round + 1, [1f, 1f, 1f], UpdateKind.Delta, 5, MetricSet.Empty);
        clients[4].Override = i => new ClientUpdate(4, i.Round, [1f, 1f, 1f], UpdateKind.Delta, 0, MetricSet.Empty);
        var orchestrator = Create(new SequentialTransport(clients));
        var record = await orchestrator.RunRoundAsync(false);

        Assert.Equal(RoundOutcome.Applied, record.Outcome);
        Assert.Equal([0], record.Participants);
        Assert.Equal(4, record.Failures.Count);
        Assert.All(record.Failures, f => Assert.Equal(FailureKind.Malformed, f.Kind));
        Assert.Contains("non-finite value (NaN) at index 1", record.Failures[0].Reason, StringComparison.Ordinal);
        Assert.Contains("sent 1 values; the model has 3", record.Failures[1].Reason, StringComparison.Ordinal);
        Assert.Contains("for round 2 during round 1", record.Failures[2].Reason, StringComparison.Ordinal);
        Assert.Contains("0 training samples", record.Failures[3].Reason, StringComparison.Ordinal);
        Assert.All(orchestrator.Weights.ToArray(), w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public async Task RunRound_TooFewReplies_KeepsModelAndSaysWhy()
    {
        var clients = Clients(4);
        foreach (var c in clients.Skip(1))
        {
            c.Override = i => new ClientFailure(i.ClientId, i.Round, FailureKind.Timeout, "too slow");
        }

        var orchestrator = Create(new SequentialTransport(clients), options: new OrchestratorOptions(seed: 1, minReplies: 2));
        var record = await orchestrator.RunRoundAsync(false);

        Assert.Equal(RoundOutcome.Skipped, record.Outcome);
        Assert.Equal(Start, orchestrator.Weights.ToArray());
        Assert.Equal(1, orchestrator.Round);
        Assert.Contains("only 1 of 4 selected clients returned a valid update and 2 are required", record.Reason, StringComparison.Ordinal);
        Assert.Contains("timeout: 3", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunRound_MinReplyFraction_Applies()
    {
        var clients = Clients(4);
        clients[3].Override = i => new ClientFailure(3, i.Round, FailureKind.Error, "boom");
        var skipped = await Create(new SequentialTransport(clients), options: new OrchestratorOptions(1, minReplyFraction: 1.0)).RunRoundAsync(false);
        var applied = await Create(new SequentialTransport(clients), options: new OrchestratorOptions(1, minReplyFraction: 0.75)).RunRoundAsync(false);
        Assert.Equal(RoundOutcome.Skipped, skipped.Outcome);
        Assert.Equal(RoundOutcome.Applied, applied.Outcome);
    }

    [Fact]
    public async Task RunRound_AggregatorRefuses_SkippedWithItsMessage()
    {
        var strategy = new Strategy("picky", UniformSampler.WithFraction(1), new RefusingAggregator(), new ServerSgd(), FitSettings.Default);
        var orchestrator = Create(new SequentialTransport(Clients(3)), strategy);
        var record = await orchestrator.RunRoundAsync(false);
        Assert.Equal(RoundOutcome.Skipped, record.Outcome);
        Assert.Contains("aggregator 'refuse' refused the round: needs n > 2f + 2", record.Reason, StringComparison.Ordinal);
        Assert.Equal(Start, orchestrator.Weights.ToArray());
    }

    [Fact]
    public async Task RunRound_SamplerCannotSample_SkippedWithReason()
    {
        var strategy = Federation.Strategies.Strategies.FedAvg(UniformSampler.WithCount(10));
        var record = await Create(new SequentialTransport(Clients(3)), strategy).RunRoundAsync(false);
        Assert.Equal(RoundOutcome.Skipped, record.Outcome);
        Assert.Contains("10 clients are needed but only 3", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunRound_FedProx_SendsMuToClients()
    {
        var clients = Clients(2);
        await Create(new SequentialTransport(clients), Federation.Strategies.Strategies.FedProx(UniformSampler.WithFraction(1), 0.25)).RunRoundAsync(false);
        Assert.All(clients, c => Assert.Equal(0.25, c.Received.Single().Settings.ProximalMu));
    }

    [Fact]
    public async Task RunAsync_EvaluatesOnCadenceAndLastRound_WithExtraMetricsAndObserver()
    {
        var evaluator = new CountingEvaluator();
        var observer = new RecordingObserver();
        var orchestrator = Create(
            new SequentialTransport(Clients(3)),
            options: new OrchestratorOptions(seed: 2, evaluateEvery: 3, clientEvaluationFraction: 1),
            evaluator: evaluator,
            metrics: [new RoundNumberMetric()],
            observer: observer);
        var (records, reason) = await orchestrator.RunAsync(7);

        Assert.Equal(7, records.Count);
        Assert.Equal([3, 6, 7], records.Where(r => r.Evaluation is not null).Select(r => r.Round));
        Assert.Equal(3, evaluator.Calls);
        Assert.Equal("completed 7 rounds", reason);
        Assert.All(records, r => Assert.Equal(r.Round, r.Metrics.GetOrNaN("test.round")));
        Assert.Equal(8.0 / 6.0, records[2].Metrics.GetOrNaN("client_eval_loss"), 10); // targets 0,1,2 weighted by samples 1,2,3: (0+2+6)/6
        Assert.True(double.IsNaN(records[0].Metrics.GetOrNaN("client_eval_loss")));
        Assert.Equal(7, observer.Completed);
        Assert.Equal(21, observer.Replies);
        Assert.All(records, r => Assert.True(r.Traffic.Sent > 0 && r.Traffic.Received > 0));
    }

    [Fact]
    public async Task RunAsync_TargetAccuracy_StopsEarly()
    {
        var orchestrator = Create(new SequentialTransport(Clients(2)), evaluator: new CountingEvaluator());
        var (records, reason) = await orchestrator.RunAsync(10, new TargetAccuracy(0.3));
        Assert.Equal(3, records.Count); // CountingEvaluator reports 0.1·call
        Assert.Contains("reached the target", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportImport_ResumedRunMatchesUninterruptedRun()
    {
        var full = Create(new SequentialTransport(Clients(5)), Federation.Strategies.Strategies.Adaptive(UniformSampler.WithCount(3), AdaptiveKind.Adam, 0.1));
        await full.RunAsync(6);

        var first = Create(new SequentialTransport(Clients(5)), Federation.Strategies.Strategies.Adaptive(UniformSampler.WithCount(3), AdaptiveKind.Adam, 0.1));
        await first.RunAsync(3);
        var state = first.ExportState();
        var resumed = Create(new SequentialTransport(Clients(5)), Federation.Strategies.Strategies.Adaptive(UniformSampler.WithCount(3), AdaptiveKind.Adam, 0.1));
        resumed.ImportState(state);
        Assert.Equal(3, resumed.Round);
        await resumed.RunAsync(6);

        Assert.Equal(full.Weights.ToArray(), resumed.Weights.ToArray());
    }

    [Fact]
    public void ImportState_OtherStrategyOrSeed_Rejected()
    {
        var a = Create(new SequentialTransport(Clients(2)));
        var state = a.ExportState();
        var other = Create(new SequentialTransport(Clients(2)), Federation.Strategies.Strategies.FedAvgM(UniformSampler.WithFraction(1)));
        Assert.Contains("strategy 'fedavg'", Assert.Throws<ArgumentException>(() => other.ImportState(state)).Message, StringComparison.Ordinal);
        var seed = Create(new SequentialTransport(Clients(2)), options: new OrchestratorOptions(seed: 99));
        Assert.Contains("seed 11", Assert.Throws<ArgumentException>(() => seed.ImportState(state)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NonFiniteInitialWeights_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new Orchestrator(new SequentialTransport(Clients(1)), Federation.Strategies.Strategies.FedAvg(UniformSampler.WithCount(1)), [0f, float.PositiveInfinity], new OrchestratorOptions(1)));
    }

    private sealed class RefusingAggregator : IAggregator
    {
        public string Name => "refuse";

        public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates) => throw new InvalidOperationException("needs n > 2f + 2");
    }

    private sealed class CountingEvaluator : IGlobalEvaluator
    {
        public int Calls { get; private set; }

        public EvaluationResult Evaluate(ReadOnlyMemory<float> weights, CancellationToken cancellationToken)
        {
            Calls++;
            return new EvaluationResult(10, 1.0 / Calls, 0.1 * Calls, [0.1 * Calls], MetricSet.Empty);
        }
    }

    private sealed class RoundNumberMetric : IRoundMetric
    {
        public MetricSet Measure(RoundContext context) => MetricSet.Of(new Metric("test.round", context.Round));
    }

    private sealed class RecordingObserver : IFederationObserver
    {
        public int Replies { get; private set; }

        public int Completed { get; private set; }

        public void ReplyReceived(int round, ClientReply reply, int done, int total) => Replies++;

        public void RoundCompleted(RoundRecord record) => Completed++;
    }
}
