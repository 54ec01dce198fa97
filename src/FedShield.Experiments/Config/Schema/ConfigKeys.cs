namespace FedShield.Experiments.Config.Schema;

/// <summary>
/// Every key of the experiment file, in the order the resolved YAML writes them. This table is the one
/// place that says which keys exist, their types, ranges and defaults.
/// </summary>
internal static class ConfigKeys
{
    public static readonly ConfigKey Name = ConfigKey.Identifier("name", c => c.Name);
    public static readonly ConfigKey Seed = ConfigKey.Long("seed", ConfigDefaults.Seed, c => c.Seed);
    public static readonly ConfigKey Rounds = ConfigKey.Integer("rounds", Interval.AtLeast(1), null, c => c.Rounds, required: true);

    public static readonly ConfigKey DataDataset = ConfigKey.Text("data.dataset", null, c => c.Data.Dataset, required: true);
    public static readonly ConfigKey DataDir = ConfigKey.Text("data.dir", null, c => c.Data.Directory, nullable: true);
    public static readonly ConfigKey DataPartition = ConfigKey.Choice(
        "data.partition", ConfigTokens.Partitions.Tokens, ConfigTokens.ToToken(ConfigDefaults.Partition), c => ConfigTokens.ToToken(c.Data.Partition));
    public static readonly ConfigKey DataAlpha = ConfigKey.Number("data.alpha", Interval.Positive, ConfigDefaults.Alpha, c => c.Data.Alpha);
    public static readonly ConfigKey DataShardsPerClient = ConfigKey.Integer("data.shards_per_client", Interval.AtLeast(1), ConfigDefaults.ShardsPerClient, c => c.Data.ShardsPerClient);
    public static readonly ConfigKey DataSigma = ConfigKey.Number("data.sigma", Interval.NonNegative, ConfigDefaults.Sigma, c => c.Data.Sigma);
    public static readonly ConfigKey DataValidation = ConfigKey.Number("data.validation", Interval.UnitHalfOpen, ConfigDefaults.Validation, c => c.Data.ValidationFraction);
    public static readonly ConfigKey DataMaxTrainSamples = ConfigKey.Integer("data.max_train_samples", Interval.NonNegative, ConfigDefaults.MaxTrainSamples, c => c.Data.MaxTrainSamples);
    public static readonly ConfigKey DataMaxTestSamples = ConfigKey.Integer("data.max_test_samples", Interval.NonNegative, ConfigDefaults.MaxTestSamples, c => c.Data.MaxTestSamples);

    public static readonly ConfigKey Model = ConfigKey.Text("model", null, c => c.Model, required: true);

    public static readonly ConfigKey ClientsCount = ConfigKey.Integer("clients.count", Interval.AtLeast(1), null, c => c.Clients.Count, required: true);
    public static readonly ConfigKey ClientsFraction = ConfigKey.Number("clients.fraction", Interval.Fraction, null, c => c.Clients.Fraction, nullable: true);
    public static readonly ConfigKey ClientsPerRound = ConfigKey.Integer("clients.per_round", Interval.AtLeast(1), null, c => c.Clients.PerRound, nullable: true);
    public static readonly ConfigKey ClientsMinReplies = ConfigKey.Integer("clients.min_replies", Interval.AtLeast(1), null, c => c.Clients.MinReplies, nullable: true);
    public static readonly ConfigKey ClientsMinFraction = ConfigKey.Number("clients.min_fraction", Interval.Fraction, null, c => c.Clients.MinFraction, nullable: true);
    public static readonly ConfigKey ClientsTimeout = ConfigKey.Number("clients.timeout_s", Interval.Positive, ConfigDefaults.TimeoutSeconds, c => c.Clients.TimeoutSeconds);

    public static readonly ConfigKey TrainingEpochs = ConfigKey.Integer("training.epochs", Interval.AtLeast(1), ConfigDefaults.Epochs, c => c.Training.Epochs);
    public static readonly ConfigKey TrainingBatchSize = ConfigKey.Integer("training.batch_size", Interval.AtLeast(1), ConfigDefaults.BatchSize, c => c.Training.BatchSize);
    public static readonly ConfigKey TrainingOptimizer = ConfigKey.Choice(
        "training.optimizer", ConfigTokens.Optimizers.Tokens, ConfigTokens.ToToken(ConfigDefaults.Optimizer), c => ConfigTokens.ToToken(c.Training.Optimizer));
    public static readonly ConfigKey TrainingLearningRate = ConfigKey.Number("training.lr", Interval.Positive, ConfigDefaults.LearningRate, c => c.Training.LearningRate);
    public static readonly ConfigKey TrainingMomentum = ConfigKey.Number("training.momentum", Interval.UnitHalfOpen, ConfigDefaults.Momentum, c => c.Training.Momentum);
    public static readonly ConfigKey TrainingNesterov = ConfigKey.Boolean("training.nesterov", ConfigDefaults.Nesterov, c => c.Training.Nesterov);
    public static readonly ConfigKey TrainingWeightDecay = ConfigKey.Number("training.weight_decay", Interval.NonNegative, ConfigDefaults.WeightDecay, c => c.Training.WeightDecay);
    public static readonly ConfigKey TrainingBeta1 = ConfigKey.Number("training.beta1", Interval.UnitHalfOpen, ConfigDefaults.Beta1, c => c.Training.Beta1);
    public static readonly ConfigKey TrainingBeta2 = ConfigKey.Number("training.beta2", Interval.UnitHalfOpen, ConfigDefaults.Beta2, c => c.Training.Beta2);
    public static readonly ConfigKey TrainingLearningRateDecay = ConfigKey.Number("training.lr_decay", Interval.Fraction, ConfigDefaults.LearningRateDecay, c => c.Training.LearningRateDecay);
    public static readonly ConfigKey TrainingOptimizerState = ConfigKey.Choice(
        "training.optimizer_state", ConfigTokens.OptimizerStates.Tokens, ConfigTokens.ToToken(ConfigDefaults.OptimizerState), c => ConfigTokens.ToToken(c.Training.OptimizerState));
    public static readonly ConfigKey TrainingMaxGradNorm = ConfigKey.Number("training.max_grad_norm", Interval.NonNegative, ConfigDefaults.MaxGradNorm, c => c.Training.MaxGradNorm);

    public static readonly ConfigKey StrategyName = ConfigKey.Choice(
        "strategy.name", ConfigTokens.Strategies.Tokens, ConfigTokens.ToToken(ConfigDefaults.Strategy), c => ConfigTokens.ToToken(c.Strategy.Kind));
    public static readonly ConfigKey StrategyServerLearningRate = ConfigKey.Number("strategy.server_lr", Interval.Positive, null, c => c.Strategy.ServerLearningRate, nullable: true);
    public static readonly ConfigKey StrategyServerMomentum = ConfigKey.Number("strategy.server_momentum", Interval.UnitHalfOpen, ConfigDefaults.ServerMomentum, c => c.Strategy.ServerMomentum);
    public static readonly ConfigKey StrategyBeta1 = ConfigKey.Number("strategy.beta1", Interval.UnitHalfOpen, ConfigDefaults.ServerBeta1, c => c.Strategy.Beta1);
    public static readonly ConfigKey StrategyBeta2 = ConfigKey.Number("strategy.beta2", Interval.UnitHalfOpen, ConfigDefaults.ServerBeta2, c => c.Strategy.Beta2);
    public static readonly ConfigKey StrategyTau = ConfigKey.Number("strategy.tau", Interval.Positive, ConfigDefaults.Tau, c => c.Strategy.Tau);
    public static readonly ConfigKey StrategyMu = ConfigKey.Number("strategy.mu", Interval.NonNegative, ConfigDefaults.Mu, c => c.Strategy.Mu);

    public static readonly ConfigKey StrategyAggregator = ConfigKey.Choice(
        "strategy.aggregator", ConfigTokens.Aggregators.Tokens, ConfigTokens.ToToken(ConfigDefaults.Aggregator), c => ConfigTokens.ToToken(c.Strategy.Aggregator.Kind));
    public static readonly ConfigKey StrategyTrimBeta = ConfigKey.Number("strategy.trim_beta", new Interval(0, true, 0.5, false), ConfigDefaults.TrimBeta, c => c.Strategy.Aggregator.TrimBeta);
    public static readonly ConfigKey StrategyByzantineFraction = ConfigKey.Number("strategy.byzantine_fraction", new Interval(0, true, 0.5, false), null, c => c.Strategy.Aggregator.ByzantineFraction, nullable: true);
    public static readonly ConfigKey StrategyByzantineCount = ConfigKey.Integer("strategy.byzantine_count", Interval.NonNegative, null, c => c.Strategy.Aggregator.ByzantineCount, nullable: true);
    public static readonly ConfigKey StrategyKrumSelect = ConfigKey.Integer("strategy.krum_select", Interval.AtLeast(1), null, c => c.Strategy.Aggregator.KrumSelect, nullable: true);
    public static readonly ConfigKey StrategyNormBound = ConfigKey.Number("strategy.norm_bound", Interval.Positive, null, c => c.Strategy.Aggregator.NormBound, nullable: true);
    public static readonly ConfigKey StrategyFoolsGoldKappa = ConfigKey.Number("strategy.foolsgold_kappa", Interval.Positive, ConfigDefaults.FoolsGoldKappa, c => c.Strategy.Aggregator.FoolsGoldKappa);
    public static readonly ConfigKey StrategyFoolsGoldLayer = ConfigKey.Choice("strategy.foolsgold_layer", ["last", "all"], ConfigDefaults.FoolsGoldLayer, c => c.Strategy.Aggregator.FoolsGoldLayer);

    public static readonly ConfigKey AttackType = ConfigKey.Choice(
        "attack.type", ConfigTokens.Attacks.Tokens, ConfigTokens.ToToken(ConfigDefaults.Attack), c => ConfigTokens.ToToken(c.Attack.Kind));
    public static readonly ConfigKey AttackFraction = ConfigKey.Number("attack.fraction", Interval.Unit, null, c => c.Attack.Fraction, nullable: true);
    public static readonly ConfigKey AttackCount = ConfigKey.Integer("attack.count", Interval.NonNegative, null, c => c.Attack.Count, nullable: true);
    public static readonly ConfigKey AttackSigma = ConfigKey.Number("attack.sigma", Interval.NonNegative, ConfigDefaults.AttackSigma, c => c.Attack.Sigma);
    public static readonly ConfigKey AttackSource = ConfigKey.Text("attack.source", null, c => c.Attack.Source, nullable: true);
    public static readonly ConfigKey AttackTarget = ConfigKey.Text("attack.target", null, c => c.Attack.Target, nullable: true);
    public static readonly ConfigKey AttackScale = ConfigKey.Number("attack.scale", Interval.Positive, ConfigDefaults.AttackScale, c => c.Attack.Scale);
    public static readonly ConfigKey AttackOmniscient = ConfigKey.Boolean("attack.omniscient", false, c => c.Attack.Omniscient);
    public static readonly ConfigKey AttackZ = ConfigKey.Number("attack.z", Interval.Positive, null, c => c.Attack.Z, nullable: true);
    public static readonly ConfigKey AttackEpsilon = ConfigKey.Number("attack.epsilon", Interval.Positive, ConfigDefaults.AttackEpsilon, c => c.Attack.Epsilon);
    public static readonly ConfigKey AttackPoisonFraction = ConfigKey.Number("attack.poison_fraction", Interval.Fraction, ConfigDefaults.AttackPoisonFraction, c => c.Attack.PoisonFraction);
    public static readonly ConfigKey AttackBoost = ConfigKey.Number("attack.boost", Interval.Positive, null, c => c.Attack.Boost, nullable: true);
    public static readonly ConfigKey AttackTargetModel = ConfigKey.Text("attack.target_model", null, c => c.Attack.TargetModel, nullable: true);
    public static readonly ConfigKey AttackLambdaLow = ConfigKey.Number("attack.lambda_low", Interval.Unit, ConfigDefaults.AttackLambdaLow, c => c.Attack.LambdaLow);
    public static readonly ConfigKey AttackLambdaHigh = ConfigKey.Number("attack.lambda_high", Interval.Unit, ConfigDefaults.AttackLambdaHigh, c => c.Attack.LambdaHigh);
    public static readonly ConfigKey AttackFflStrategy = ConfigKey.Integer("attack.ffl_strategy", new Interval(1, true, 3, true), ConfigDefaults.AttackFflStrategy, c => c.Attack.FflStrategy);

    public static readonly ConfigKey EvaluationEvery = ConfigKey.Integer("evaluation.every", Interval.AtLeast(1), ConfigDefaults.EvaluateEvery, c => c.Evaluation.Every);
    public static readonly ConfigKey EvaluationClientFraction = ConfigKey.Number("evaluation.client_fraction", Interval.Unit, ConfigDefaults.EvaluationClientFraction, c => c.Evaluation.ClientFraction);
    public static readonly ConfigKey EvaluationSourceClass = ConfigKey.Text("evaluation.source_class", null, c => c.Evaluation.SourceClass, nullable: true);
    public static readonly ConfigKey EvaluationTargetClass = ConfigKey.Text("evaluation.target_class", null, c => c.Evaluation.TargetClass, nullable: true);

    public static readonly ConfigKey PrivacySecureAggregation = ConfigKey.Choice(
        "privacy.secure_aggregation", ConfigTokens.SecureAggregations.Tokens, ConfigTokens.ToToken(ConfigDefaults.SecureAggregation), c => ConfigTokens.ToToken(c.Privacy.SecureAggregation));
    public static readonly ConfigKey PrivacyThreshold = ConfigKey.Number("privacy.threshold", new Interval(0.5, true, 1, false), ConfigDefaults.PrivacyThreshold, c => c.Privacy.Threshold);
    public static readonly ConfigKey PrivacyBits = ConfigKey.Integer("privacy.bits", new Interval(8, true, 64, true), ConfigDefaults.PrivacyBits, c => c.Privacy.Bits);
    public static readonly ConfigKey PrivacyClipRange = ConfigKey.Number("privacy.clip_range", Interval.Positive, ConfigDefaults.PrivacyClipRange, c => c.Privacy.ClipRange);
    public static readonly ConfigKey PrivacyMaxWeight = ConfigKey.Integer("privacy.max_weight", Interval.AtLeast(1), null, c => c.Privacy.MaxWeight, nullable: true);
    public static readonly ConfigKey PrivacyNeighbours = ConfigKey.Integer("privacy.neighbours", Interval.AtLeast(1), null, c => c.Privacy.Neighbours, nullable: true);
    public static readonly ConfigKey PrivacyDp = ConfigKey.Choice("privacy.dp", ConfigTokens.DpModes.Tokens, ConfigTokens.ToToken(ConfigDefaults.Dp), c => ConfigTokens.ToToken(c.Privacy.Dp));
    public static readonly ConfigKey PrivacyClip = ConfigKey.Number("privacy.clip", Interval.Positive, ConfigDefaults.PrivacyClip, c => c.Privacy.Clip);
    public static readonly ConfigKey PrivacyNoiseMultiplier = ConfigKey.Number("privacy.noise_multiplier", Interval.Positive, null, c => c.Privacy.NoiseMultiplier, nullable: true);
    public static readonly ConfigKey PrivacyEpsilon = ConfigKey.Number("privacy.epsilon", Interval.Positive, null, c => c.Privacy.Epsilon, nullable: true);
    public static readonly ConfigKey PrivacyDelta = ConfigKey.Number("privacy.delta", new Interval(0, false, 1, false), ConfigDefaults.PrivacyDelta, c => c.Privacy.Delta);
    public static readonly ConfigKey PrivacyBudget = ConfigKey.Number("privacy.budget", Interval.Positive, null, c => c.Privacy.Budget, nullable: true);
    public static readonly ConfigKey PrivacyNiss = ConfigKey.Boolean("privacy.niss", false, c => c.Privacy.Niss);
    public static readonly ConfigKey PrivacyUnitVariance = ConfigKey.Number("privacy.unit_variance", Interval.Positive, ConfigDefaults.PrivacyUnitVariance, c => c.Privacy.UnitVariance);
    public static readonly ConfigKey PrivacyTau = ConfigKey.Number("privacy.tau", Interval.NonNegative, null, c => c.Privacy.Tau, nullable: true);
    public static readonly ConfigKey PrivacyColludingFraction = ConfigKey.Number("privacy.colluding_fraction", Interval.Unit, null, c => c.Privacy.ColludingFraction, nullable: true);
    public static readonly ConfigKey PrivacyFfl = ConfigKey.Boolean("privacy.ffl", false, c => c.Privacy.Ffl);
    public static readonly ConfigKey PrivacyFflAlpha = ConfigKey.Number("privacy.ffl_alpha", Interval.Unit, ConfigDefaults.PrivacyFflAlpha, c => c.Privacy.FflAlpha);
    public static readonly ConfigKey PrivacyFflReputation = ConfigKey.Boolean("privacy.ffl_reputation", true, c => c.Privacy.FflReputation);

    public static readonly ConfigKey CheckpointEvery = ConfigKey.Integer("checkpoint.every", Interval.NonNegative, ConfigDefaults.CheckpointEvery, c => c.Checkpoint.Every);

    public static readonly ConfigKey Output = ConfigKey.Text("output", ConfigDefaults.Output, c => c.Output);
    public static readonly ConfigKey Workers = ConfigKey.Integer("workers", Interval.NonNegative, ConfigDefaults.Workers, c => c.Workers);

    /// <summary>Every key, in writing order (top-level keys and sections interleaved as in the documentation).</summary>
    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        Name, Seed, Rounds,
        DataDataset, DataDir, DataPartition, DataAlpha, DataShardsPerClient, DataSigma, DataValidation, DataMaxTrainSamples, DataMaxTestSamples,
        Model,
        ClientsCount, ClientsFraction, ClientsPerRound, ClientsMinReplies, ClientsMinFraction, ClientsTimeout,
        TrainingEpochs, TrainingBatchSize, TrainingOptimizer, TrainingLearningRate, TrainingMomentum, TrainingNesterov, TrainingWeightDecay,
        TrainingBeta1, TrainingBeta2, TrainingLearningRateDecay, TrainingOptimizerState, TrainingMaxGradNorm,
        StrategyName, StrategyServerLearningRate, StrategyServerMomentum, StrategyBeta1, StrategyBeta2, StrategyTau, StrategyMu,
        StrategyAggregator, StrategyTrimBeta, StrategyByzantineFraction, StrategyByzantineCount, StrategyKrumSelect, StrategyNormBound,
        StrategyFoolsGoldKappa, StrategyFoolsGoldLayer,
        AttackType, AttackFraction, AttackCount, AttackSigma, AttackSource, AttackTarget, AttackScale, AttackOmniscient, AttackZ,
        AttackEpsilon, AttackPoisonFraction, AttackBoost, AttackTargetModel, AttackLambdaLow, AttackLambdaHigh, AttackFflStrategy,
        EvaluationEvery, EvaluationClientFraction, EvaluationSourceClass, EvaluationTargetClass,
        PrivacySecureAggregation, PrivacyThreshold, PrivacyBits, PrivacyClipRange, PrivacyMaxWeight, PrivacyNeighbours,
        PrivacyDp, PrivacyClip, PrivacyNoiseMultiplier, PrivacyEpsilon, PrivacyDelta, PrivacyBudget,
        PrivacyNiss, PrivacyUnitVariance, PrivacyTau, PrivacyColludingFraction,
        PrivacyFfl, PrivacyFflAlpha, PrivacyFflReputation,
        CheckpointEvery,
        Output, Workers,
    ];

    /// <summary>Keys that describe where and how a run executes rather than what it computes; left out of the config hash.</summary>
    public static IReadOnlySet<ConfigKey> RunPlacement { get; } = new HashSet<ConfigKey> { Name, Output, Workers };

    /// <summary>
    /// Keys added after the canonical hash form was pinned (robust aggregation, attacks, tracked
    /// classes, privacy): left out of the hash while at their defaults, so a config that does not use them keeps
    /// the hash it always had and stored hashes stay valid.
    /// </summary>
    public static IReadOnlySet<ConfigKey> HashedWhenSet { get; } = new HashSet<ConfigKey>
    {
        StrategyAggregator, StrategyTrimBeta, StrategyByzantineFraction, StrategyByzantineCount, StrategyKrumSelect, StrategyNormBound,
        StrategyFoolsGoldKappa, StrategyFoolsGoldLayer,
        AttackType, AttackFraction, AttackCount, AttackSigma, AttackSource, AttackTarget, AttackScale, AttackOmniscient, AttackZ,
        AttackEpsilon, AttackPoisonFraction, AttackBoost, AttackTargetModel, AttackLambdaLow, AttackLambdaHigh, AttackFflStrategy,
        EvaluationSourceClass, EvaluationTargetClass,
        PrivacySecureAggregation, PrivacyThreshold, PrivacyBits, PrivacyClipRange, PrivacyMaxWeight, PrivacyNeighbours,
        PrivacyDp, PrivacyClip, PrivacyNoiseMultiplier, PrivacyEpsilon, PrivacyDelta, PrivacyBudget,
        PrivacyNiss, PrivacyUnitVariance, PrivacyTau, PrivacyColludingFraction,
        PrivacyFfl, PrivacyFflAlpha, PrivacyFflReputation,
    };

    /// <summary>Pairs of which at most one may be set (the other is null).</summary>
    public static IReadOnlyList<(ConfigKey First, ConfigKey Second)> Exclusive { get; } =
    [
        (ClientsFraction, ClientsPerRound),
        (ClientsMinReplies, ClientsMinFraction),
        (StrategyByzantineFraction, StrategyByzantineCount),
        (AttackFraction, AttackCount),
    ];

    /// <summary>The section names (<c>data</c>, <c>clients</c>, ...), in writing order.</summary>
    public static IReadOnlyList<string> Sections { get; } = [.. All.Where(k => k.Section.Length > 0).Select(k => k.Section).Distinct()];

    private static readonly Dictionary<string, ConfigKey> ByPath = All.ToDictionary(k => k.Path, StringComparer.Ordinal);

    /// <summary>The key at a dotted path, or null.</summary>
    public static ConfigKey? Find(string path) => ByPath.GetValueOrDefault(path);

    /// <summary>The names allowed directly inside a section ("" for the top level: top-level keys and section names).</summary>
    public static IReadOnlyList<string> NamesIn(string section) =>
        section.Length == 0
            ? [.. All.Select(k => k.Section.Length == 0 ? k.Name : k.Section).Distinct()]
            : [.. All.Where(k => k.Section == section).Select(k => k.Name)];
}
