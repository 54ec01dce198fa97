namespace FedShield.Experiments.Config.Schema;

/// <summary>
/// Default values shared by the record constructors (as optional-parameter defaults) and the YAML schema,
/// so that a key left out of a file and a parameter left out of a constructor mean the same thing.
/// </summary>
internal static class ConfigDefaults
{
    public const long Seed = 0;
    public const string Output = "runs";
    public const int Workers = 0;

    public const PartitionKind Partition = PartitionKind.Iid;
    public const double Alpha = 0.5;
    public const int ShardsPerClient = 2;
    public const double Sigma = 1.0;
    public const double Validation = 0.0;
    public const int MaxTrainSamples = 0;
    public const int MaxTestSamples = 0;

    public const double ClientFraction = 0.5;
    public const int MinReplies = 1;
    public const double TimeoutSeconds = 600;

    public const int Epochs = 1;
    public const int BatchSize = 32;
    public const OptimizerKind Optimizer = OptimizerKind.Sgd;
    public const double LearningRate = 0.01;
    public const double Momentum = 0.0;
    public const bool Nesterov = false;
    public const double WeightDecay = 0.0;
    public const double Beta1 = 0.9;
    public const double Beta2 = 0.999;
    public const double LearningRateDecay = 1.0;
    public const OptimizerStateMode OptimizerState = OptimizerStateMode.Reset;
    public const double MaxGradNorm = 0.0;

    public const StrategyKind Strategy = StrategyKind.FedAvg;
    public const double ServerLearningRate = 1.0;
    public const double AdaptiveServerLearningRate = 0.01;
    public const double ServerMomentum = 0.9;
    public const double ServerBeta1 = 0.9;
    public const double ServerBeta2 = 0.99;
    public const double Tau = 0.001;
    public const double Mu = 0.01;

    public const AggregatorKind Aggregator = AggregatorKind.Mean;
    public const double TrimBeta = 0.1;
    public const double ByzantineFraction = 0.2;
    public const double FoolsGoldKappa = 1.0;
    public const string FoolsGoldLayer = "last";

    public const AttackKind Attack = AttackKind.None;
    public const SecureAggregationKind SecureAggregation = SecureAggregationKind.None;
    public const double PrivacyThreshold = 0.5;
    public const int PrivacyBits = 32;
    public const double PrivacyClipRange = 1.0;
    public const DpMode Dp = DpMode.None;
    public const double PrivacyClip = 1.0;
    public const double PrivacyDelta = 1e-5;
    public const double PrivacyUnitVariance = 0.01;

    /// <summary>α of FFL's similarity (seeds/003, section V-B).</summary>
    public const double PrivacyFflAlpha = 0.2;

    /// <summary>FFL attacker strategy 1 (mix the poisoned update as the protocol says).</summary>
    public const int AttackFflStrategy = 1;
    public const double AttackFraction = 0.2;
    public const double AttackSigma = 0.5;
    public const double AttackScale = 1.0;
    public const double AttackEpsilon = 0.5;
    public const double AttackPoisonFraction = 0.5;
    public const double AttackLambdaLow = 0.25;
    public const double AttackLambdaHigh = 0.35;

    public const int EvaluateEvery = 1;
    public const double EvaluationClientFraction = 0.0;

    public const int CheckpointEvery = 10;
}
