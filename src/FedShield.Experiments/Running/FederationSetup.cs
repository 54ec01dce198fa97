using FedShield.Data;
using FedShield.Data.Partitions;
using FedShield.Data.Sources;
using FedShield.Experiments.Adversarial;
using FedShield.Experiments.Config;
using FedShield.Experiments.Privacy;
using FedShield.Federation;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Learning;
using FedShield.Learning.Models;
using FedShield.Simulation;
using ConfigOptimizer = FedShield.Experiments.Config.OptimizerKind;

namespace FedShield.Experiments.Running;

/// <summary>
/// Builds a whole simulated federation from an experiment config: data and partition, model, clients,
/// transport, strategy and round loop. Everything random derives from the config's seed, so building
/// twice from the same config gives the same federation (which is how <c>resume</c> rebuilds a run).
/// </summary>
public sealed class FederationSetup : IDisposable
{
    private FederationSetup(ExperimentConfig config, LoadedDataset data, ModelPool pool, Federation.Transport.ITransport transport, Orchestrator orchestrator, int parameterCount, string dataNote)
    {
        Config = config;
        Data = data;
        Pool = pool;
        Transport = transport;
        Orchestrator = orchestrator;
        ParameterCount = parameterCount;
        DataNote = dataNote;
    }

    /// <summary>The experiment.</summary>
    public ExperimentConfig Config { get; }

    /// <summary>The loaded dataset (after any sample limits).</summary>
    public LoadedDataset Data { get; }

    /// <summary>The model instances the clients and the evaluator rent.</summary>
    public ModelPool Pool { get; }

    /// <summary>The in-process transport holding every client.</summary>
    public Federation.Transport.ITransport Transport { get; }

    /// <summary>The in-process transport, when the federation is simulated; null over a network transport.</summary>
    public SimulationTransport? Simulation => Transport as SimulationTransport;

    /// <summary>The round loop.</summary>
    public Orchestrator Orchestrator { get; }

    /// <summary>Parameters of the model.</summary>
    public int ParameterCount { get; }

    /// <summary>One line on the data: where it came from, sizes, partition.</summary>
    public string DataNote { get; }

    /// <summary>Builds the federation.</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="locator">Where datasets are looked for.</param>
    /// <param name="observer">Progress callbacks for the round loop.</param>
    /// <param name="roundMetrics">Extra per-round measurements.</param>
    /// <param name="time">Clock for phase timings.</param>
    /// <param name="transportFactory">Builds the transport from the clients; null for the in-process simulation.</param>
    /// <exception cref="ExperimentSetupException">The model or dataset is unknown or they do not fit together.</exception>
    /// <exception cref="DatasetNotFoundException">The dataset's files are nowhere to be found.</exception>
    public static FederationSetup Create(
        ExperimentConfig config, DatasetLocator locator, IFederationObserver? observer = null, IEnumerable<IRoundMetric>? roundMetrics = null, TimeProvider? time = null,
        Func<IReadOnlyList<Federation.Transport.IFederatedClient>, Federation.Transport.ITransport>? transportFactory = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(locator);
        var spec = ParseModel(config.Model);
        var loaded = LoadData(config, locator);
        var train = loaded.Data.Train;
        var test = loaded.Data.Test;

        ModelBlueprint blueprint;
        try
        {
            blueprint = ModelCatalog.Resolve(spec, ModelInput.Of(train));
        }
        catch (ArgumentException ex)
        {
            throw new ExperimentSetupException($"model: {ex.Message}", ex);
        }

        var pool = new ModelPool(blueprint, SeedStreams.Derive(config.Seed, SeedStreams.ModelInit));
        var initial = blueprint.Create(SeedStreams.Create(config.Seed, SeedStreams.ModelInit)).ParameterBuffer.ToArray();

        var partition = CreatePartition(config, train);
        var training = CreateTrainingOptions(config.Training, blueprint);
        var clients = partition.Clients.Select(p => (Federation.Transport.IFederatedClient)LearningClient.ForPartition(p, train, pool, training)).ToArray();
        var adversarial = AdversarialSetup.Create(config, clients, train, test, blueprint, pool, EvaluationBatchSize(blueprint));
        var fflModel = config.Privacy.Ffl ? new FflModel(clients, adversarial.Malicious, LayerSizes(blueprint), OutputLayer(blueprint)) : null;
        var privacy = PrivacySetup.Create(config, adversarial.Clients, CreateStrategy(config, OutputLayer(blueprint)), [.. partition.Clients.Select(c => c.Train.Length)], fflModel);
        var transport = transportFactory?.Invoke(privacy.Clients) ?? new SimulationTransport(privacy.Clients, new SimulationOptions(config.Workers), time);

        var options = new OrchestratorOptions(
            config.Seed,
            minReplies: config.Clients.RequiredReplies,
            roundTimeout: TimeSpan.FromSeconds(config.Clients.TimeoutSeconds),
            evaluateEvery: config.Evaluation.Every,
            clientEvaluationFraction: config.Evaluation.ClientFraction);
        var evaluator = new ModelEvaluator(test, pool, EvaluationBatchSize(blueprint));
        IEnumerable<IRoundMetric> privacyMetrics = privacy.Accounting is { } accounting ? [accounting, .. privacy.Metrics] : privacy.Metrics;
        var metrics = adversarial.Metrics.Concat(privacyMetrics).Concat(roundMetrics ?? []).ToArray();
        var observers = adversarial.Observer is { } coalition ? new CompositeObserver(coalition, observer) : observer;
        Orchestrator orchestrator;
        try
        {
            orchestrator = new Orchestrator(transport, privacy.Strategy, initial, options, evaluator, metrics, observers, time);
        }
        catch (ArgumentException ex) when (privacy.Strategy.Protocol is not null)
        {
            throw new ExperimentSetupException($"privacy: {ex.Message}", ex);
        }

        var note = $"{loaded.Entry.Name}: {train.Count:N0} train / {test.Count:N0} test samples from {loaded.Location}; " +
            $"{ConfigTokens.ToToken(config.Data.Partition)} partition over {config.Clients.Count} clients " +
            $"({partition.Clients.Min(c => c.Train.Length):N0}–{partition.Clients.Max(c => c.Train.Length):N0} train samples each)";
        return new FederationSetup(config, loaded, pool, transport, orchestrator, initial.Length, note) 
        {
            AttackNote = adversarial.Note,
            Malicious = adversarial.Malicious,
            PrivacyNote = privacy.Note,
            Privacy = privacy,
        };
    }

    /// <summary>Stops the transport's worker threads.</summary>
    /// <summary>One line on the attack (which clients run what), or null without one.</summary>
    public string? AttackNote { get; private init; }

    /// <summary>One line on the privacy mechanisms, or null without any.</summary>
    public string? PrivacyNote { get; private init; }

    /// <summary>The privacy mechanisms' accountant and budget (inactive without a privacy section).</summary>
    public PrivacySetup? Privacy { get; private init; }

    /// <summary>The malicious clients' ids, ascending (empty without an attack).</summary>
    public IReadOnlyList<int> Malicious { get; private init; } = [];

    /// <inheritdoc />
    public void Dispose()
    {
        (Transport as IDisposable)?.Dispose();
        (Privacy?.Strategy.Protocol as IDisposable)?.Dispose();
    }

    /// <summary>Parses and checks the model spec of a config.</summary>
    /// <exception cref="ExperimentSetupException">The spec is malformed or names an unknown model or parameter.</exception>
    public static ModelSpec ParseModel(string model)
    {
        try
        {
            var spec = ModelSpec.Parse(model);
            ModelCatalog.Validate(spec);
            return spec;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new ExperimentSetupException($"model: '{model}': {ex.Message}", ex);
        }
    }

    /// <summary>The strategy a config names, with a FoolsGold aggregator (if chosen) comparing all coordinates.</summary>
    public static Strategy CreateStrategy(ExperimentConfig config) => CreateStrategy(config, Range.All);

    /// <summary>
    /// The strategy of <paramref name="config"/> with its aggregator (<c>strategy.aggregator</c>); a
    /// rule other than the mean is named after both, e.g. <c>fedavg+median</c>.
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="outputLayer">The output layer's coordinates in the flat parameter vector (FoolsGold compares them).</param>
    public static Strategy CreateStrategy(ExperimentConfig config, Range outputLayer)
    {
        var strategy = CreateBaseStrategy(config);
        var aggregator = config.Strategy.Aggregator;
        return aggregator.Kind == AggregatorKind.Mean
            ? strategy
            : strategy with { Name = $"{strategy.Name}+{ConfigTokens.ToToken(aggregator.Kind)}", Aggregator = AggregatorFactory.Create(aggregator, outputLayer) };
    }

    /// <summary>The coordinates of a model's output layer (its last module's parameters) in the flat parameter vector.</summary>
    public static Range OutputLayer(ModelBlueprint blueprint) => ModelLayout.OutputLayer(blueprint);

    /// <summary>Parameters per tensor in buffer order, or null when the tensors do not tile the buffer.</summary>
    public static IReadOnlyList<int>? LayerSizes(ModelBlueprint blueprint) => ModelLayout.TensorSizes(blueprint);

    private static Strategy CreateBaseStrategy(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.Clients;
        IClientSampler sampler = c.PerRound is int n ? UniformSampler.WithCount(n) : UniformSampler.WithFraction(c.Fraction ?? 1.0);
        var s = config.Strategy;
        return s.Kind switch
        {
            StrategyKind.FedAvg => s.ServerLearningRate == 1.0
                ? Strategies.FedAvg(sampler)
                : new Strategy("fedavg", sampler, new WeightedMeanAggregator(), new ServerSgd(s.ServerLearningRate), Federation.Messages.FitSettings.Default),
            StrategyKind.FedAvgM => Strategies.FedAvgM(sampler, s.ServerLearningRate, s.ServerMomentum),
            StrategyKind.FedAdam => Strategies.Adaptive(sampler, AdaptiveKind.Adam, s.ServerLearningRate, s.Beta1, s.Beta2, s.Tau),
            StrategyKind.FedYogi => Strategies.Adaptive(sampler, AdaptiveKind.Yogi, s.ServerLearningRate, s.Beta1, s.Beta2, s.Tau),
            StrategyKind.FedAdagrad => Strategies.Adaptive(sampler, AdaptiveKind.Adagrad, s.ServerLearningRate, s.Beta1, s.Beta2, s.Tau),
            StrategyKind.FedProx => Strategies.FedProx(sampler, s.Mu),
            _ => throw new ExperimentSetupException($"strategy.name: {s.Kind} is not implemented"),
        };
    }

    private static LoadedDataset LoadData(ExperimentConfig config, DatasetLocator locator)
    {
        var name = config.Data.Dataset;
        if (!DatasetCatalog.Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ExperimentSetupException($"data.dataset: unknown dataset '{name}'; expected one of {string.Join(", ", DatasetCatalog.Names)}");
        }

        var loaded = DatasetCatalog.Load(name, locator, config.Data.Directory, new DatasetLoadSettings(Seed: SeedStreams.Derive(config.Seed, SeedStreams.Partitioning, 1)));
        var train = Limit(loaded.Data.Train, config.Data.MaxTrainSamples);
        var test = Limit(loaded.Data.Test, config.Data.MaxTestSamples);
        return ReferenceEquals(train, loaded.Data.Train) && ReferenceEquals(test, loaded.Data.Test)
            ? loaded
            : loaded with { Data = new DatasetPair(train, test) };
    }

    // The first N samples: the data files' own order, so a limit is reproducible and needs no seed.
    private static Dataset Limit(Dataset data, int max) =>
        max <= 0 || max >= data.Count ? data : data.Subset([.. Enumerable.Range(0, max)]);

    private static Partition CreatePartition(ExperimentConfig config, Dataset train)
    {
        var d = config.Data;
        if (config.Clients.Count > train.Count)
        {
            throw new ExperimentSetupException($"clients.count: {config.Clients.Count} clients cannot share {train.Count} training samples");
        }

        // Pass only the parameter the chosen partition uses: the factory rejects the others.
        var partitioner = d.Partition switch
        {
            PartitionKind.Dirichlet => PartitionerFactory.Create("dirichlet", alpha: d.Alpha),
            PartitionKind.Shards => PartitionerFactory.Create("shards", shardsPerClient: d.ShardsPerClient),
            PartitionKind.Quantity => PartitionerFactory.Create("quantity", sigma: d.Sigma),
            _ => PartitionerFactory.Create("iid"),
        };
        try
        {
            return Partition.Create(train, partitioner, config.Clients.Count, SeedStreams.Derive(config.Seed, SeedStreams.Partitioning), d.ValidationFraction);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new ExperimentSetupException($"data.partition: {ex.Message}", ex);
        }
    }

    private static LocalTrainingOptions CreateTrainingOptions(TrainingConfig t, ModelBlueprint blueprint)
    {
        var optimizer = t.Optimizer switch
        {
            ConfigOptimizer.Adam => OptimizerSpec.Adam(t.LearningRate, t.Beta1, t.Beta2, weightDecay: t.WeightDecay),
            ConfigOptimizer.AdamW => OptimizerSpec.AdamW(t.LearningRate, t.Beta1, t.Beta2, weightDecay: t.WeightDecay),
            _ => OptimizerSpec.Sgd(t.LearningRate, t.Momentum, t.Nesterov, t.WeightDecay),
        };
        return new LocalTrainingOptions(
            t.Epochs,
            t.BatchSize,
            optimizer,
            t.LearningRateDecay,
            t.OptimizerState == OptimizerStateMode.Keep ? OptimizerStatePolicy.Keep : OptimizerStatePolicy.Reset,
            t.MaxGradNorm,
            evaluationBatchSize: EvaluationBatchSize(blueprint));
    }

    // Activations of a 1,000-sample batch of the CIFAR network take about 0.6 GB; smaller batches give the same numbers.
    private static int EvaluationBatchSize(ModelBlueprint blueprint) => blueprint.Name == "cnn-cifar" ? 250 : 1000;
}
