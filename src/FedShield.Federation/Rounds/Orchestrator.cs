using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.State;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;

namespace FedShield.Federation.Rounds;

/// <summary>
/// The round loop: sample clients, send them the global weights, collect and validate their
/// replies, aggregate, step the server optimizer, evaluate, report. It knows the strategy only by
/// its three parts and the clients only through <see cref="ITransport"/>, so simulation and
/// deployment run this same code.
/// </summary>
/// <remarks>
/// Replies are folded in the order of the selected client ids whatever order they arrive in, and
/// every random choice derives from (seed, round, client), so a run is bit-identical for any number
/// of workers. An incremental aggregator (the weighted mean) folds each update as soon as its
/// predecessors are in, so the server holds a running sum instead of every update.
/// </remarks>
public sealed partial class Orchestrator
{
    private readonly ITransport _transport;
    private readonly OrchestratorOptions _options;
    private readonly IGlobalEvaluator? _evaluator;
    private readonly IReadOnlyList<IRoundMetric> _roundMetrics;
    private readonly IFederationObserver? _observer;
    private readonly TimeProvider _time;
    private readonly float[] _weights;

    /// <summary>Creates the loop.</summary>
    /// <param name="transport">How clients are reached.</param>
    /// <param name="strategy">Sampler, aggregator, server optimizer and fit settings.</param>
    /// <param name="initialWeights">The starting global model (copied).</param>
    /// <param name="options">Loop settings.</param>
    /// <param name="evaluator">Scores the global model on the server's test set; null for none.</param>
    /// <param name="roundMetrics">Extra per-round measurements.</param>
    /// <param name="observer">Progress callbacks.</param>
    /// <param name="time">Clock for the phase timings; the system clock by default.</param>
    /// <exception cref="ArgumentException">The initial weights are empty or not finite, or the strategy's protocol cannot compute its aggregator.</exception>
    public Orchestrator(
        ITransport transport,
        Strategy strategy,
        ReadOnlySpan<float> initialWeights,
        OrchestratorOptions options,
        IGlobalEvaluator? evaluator = null,
        IEnumerable<IRoundMetric>? roundMetrics = null,
        IFederationObserver? observer = null,
        TimeProvider? time = null)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        Strategy = strategy ?? throw new ArgumentNullException(nameof(strategy));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (initialWeights.IsEmpty)
        {
            throw new ArgumentException("the initial model has no weights", nameof(initialWeights));
        }

        var bad = IndexOfNonFinite(initialWeights);
        if (bad >= 0)
        {
            throw new ArgumentException($"the initial weights contain a non-finite value at index {bad}", nameof(initialWeights));
        }

        if (strategy.Protocol?.Incompatibility(strategy.Aggregator) is { } why)
        {
            throw new ArgumentException($"strategy '{strategy.Name}' cannot run aggregator '{strategy.Aggregator.Name}' under protocol '{strategy.Protocol.Name}': {why}", nameof(strategy));
        }

        _weights = initialWeights.ToArray();
        _evaluator = evaluator;
        _roundMetrics = roundMetrics?.ToArray() ?? [];
        _observer = observer;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The strategy in use.</summary>
    public Strategy Strategy { get; }

    /// <summary>The number of rounds completed (0 before the first).</summary>
    public int Round { get; private set; }

    /// <summary>The current global weights.</summary>
    public ReadOnlyMemory<float> Weights => _weights;

    /// <summary>Whether round <paramref name="round"/> of a run of <paramref name="totalRounds"/> evaluates the global model.</summary>
    public bool IsEvaluationRound(int round, int totalRounds) => round % _options.EvaluateEvery == 0 || round == totalRounds;

    /// <summary>
    /// Runs rounds until <paramref name="totalRounds"/> are complete or <paramref name="stoppingRule"/>
    /// says stop, evaluating on the cadence of the options and always after the last round.
    /// </summary>
    /// <returns>The records of the rounds run by this call and the reason training stopped.</returns>
    public async Task<(IReadOnlyList<RoundRecord> Records, string StopReason)> RunAsync(int totalRounds, IStoppingRule? stoppingRule = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalRounds, 1);
        var records = new List<RoundRecord>();
        while (Round < totalRounds)
        {
            var record = await RunRoundAsync(IsEvaluationRound(Round + 1, totalRounds), cancellationToken).ConfigureAwait(false);
            records.Add(record);
            if (stoppingRule?.ShouldStop(record) is { } reason)
            {
                return (records, reason);
            }
        }

        return (records, $"completed {totalRounds} rounds");
    }

    /// <summary>Runs the next round.</summary>
    /// <param name="evaluate">Whether to evaluate the global model after the round.</param>
    /// <param name="cancellationToken">Stops the round; the global model is left as it was.</param>
    public async Task<RoundRecord> RunRoundAsync(bool evaluate, CancellationToken cancellationToken = default)
    {
        var round = Round + 1;
        var roundStart = _time.GetTimestamp();
        IReadOnlyList<int> selected;
        try
        {
            selected = Strategy.Sampler.Sample(_transport.AvailableClients, round, SeedStreams.Create(_options.Seed, SeedStreams.Sampling, 0, round));
        }
        catch (InvalidOperationException ex)
        {
            Round = round;
            var skipped = new RoundRecord(round, RoundOutcome.Skipped, "client sampling failed: " + ex.Message, [], [], [], null, [], new PhaseTimings(default, default, default, _time.GetElapsedTime(roundStart)), MetricSet.Empty);
            _observer?.RoundCompleted(skipped);
            return skipped;
        }

        _observer?.RoundStarted(round, selected);
        var gathered = Strategy.Protocol is { } protocol
            ? await GatherWithProtocolAsync(protocol, round, selected, cancellationToken).ConfigureAwait(false)
            : await GatherPlainAsync(round, selected, cancellationToken).ConfigureAwait(false);
        var (outcome, reason, aggregation) = (gathered.Outcome, gathered.Reason, gathered.Aggregation);
        var trainingTime = gathered.TrainingTime;
        var aggregationTime = gathered.AggregationTime;
        Round = round;

        var evaluateStart = _time.GetTimestamp();
        EvaluationResult? evaluation = null;
        var metrics = gathered.ClientMetrics;
        if (aggregation is not null)
        {
            metrics = metrics.Concat(aggregation.Metrics);
        }

        if (evaluate)
        {
            evaluation = _evaluator?.Evaluate(_weights, cancellationToken);
            metrics = metrics.Concat(await EvaluateClientsAsync(round, gathered.Traffic, cancellationToken).ConfigureAwait(false));
        }

        var evaluationTime = _time.GetElapsedTime(evaluateStart);
        var context = new RoundContext(round, selected, gathered.Participants, aggregation, _weights, evaluation);
        foreach (var m in _roundMetrics)
        {
            metrics = metrics.Concat(m.Measure(context));
        }

        var traffic = gathered.Traffic.OrderBy(t => t.Key).Select(t => new ClientTraffic(t.Key, t.Value)).ToArray();
        var record = new RoundRecord(
            round,
            outcome,
            reason,
            selected,
            gathered.Participants,
            gathered.Failures,
            evaluation,
            traffic,
            new PhaseTimings(trainingTime, aggregationTime, evaluationTime, _time.GetElapsedTime(roundStart)),
            metrics);
        _observer?.RoundCompleted(record);
        return record;
    }

    /// <summary>
    /// The loop's state for a checkpoint: the round, the global weights, the server optimizer's
    /// state and, for an aggregator with memory across rounds (FoolsGold's history), its state. Sampling and client seeds derive from (seed, round, client), so no generator state is
    /// needed.
    /// </summary>
    public StateBag ExportState()
    {
        var bag = new StateBag();
        bag.SetValue("round", Round);
        bag.SetValue("strategy", Strategy.Name);
        bag.SetValue("seed", _options.Seed);
        bag.SetArray("weights", _weights);
        bag.Merge("server.", Strategy.ServerOptimizer.ExportState());
        if (Strategy.Aggregator is ICheckpointable aggregator)
        {
            bag.Merge("aggregator.", aggregator.ExportState());
        }

        if (Strategy.Protocol is ICheckpointable protocol)
        {
            bag.Merge("protocol.", protocol.ExportState());
        }

        return bag;
    }

    /// <summary>Restores a state written by <see cref="ExportState"/>.</summary>
    /// <exception cref="ArgumentException">The state belongs to another strategy, seed or model size.</exception>
    public void ImportState(StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.GetValue("strategy") != Strategy.Name)
        {
            throw new ArgumentException($"the checkpoint was written by strategy '{state.GetValue("strategy")}', not '{Strategy.Name}'", nameof(state));
        }

        if (state.GetInt64("seed") != _options.Seed)
        {
            throw new ArgumentException($"the checkpoint was written with seed {state.GetInt64("seed")}, not {_options.Seed}", nameof(state));
        }

        var weights = state.GetArray("weights");
        if (weights.Length != _weights.Length)
        {
            throw new ArgumentException($"the checkpoint holds {weights.Length} weights but the model has {_weights.Length}", nameof(state));
        }

        weights.CopyTo(_weights, 0);
        Strategy.ServerOptimizer.ImportState(state.Extract("server."));
        if (Strategy.Aggregator is ICheckpointable aggregator)
        {
            aggregator.ImportState(state.Extract("aggregator."));
        }

        if (Strategy.Protocol is ICheckpointable protocol)
        {
            protocol.ImportState(state.Extract("protocol."));
        }

        Round = checked((int)state.GetInt64("round"));
    }
}
