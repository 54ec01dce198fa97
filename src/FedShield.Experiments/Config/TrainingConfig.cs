using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Config;

/// <summary>The <c>training</c> section: each client's local training in a round.</summary>
public sealed record TrainingConfig
{
    /// <summary>Creates and validates the local-training settings; every argument has the YAML default.</summary>
    /// <param name="epochs">Local epochs per round, &gt;= 1 (<c>training.epochs</c>).</param>
    /// <param name="batchSize">Mini-batch size, &gt;= 1 (<c>training.batch_size</c>).</param>
    /// <param name="optimizer">Local optimiser (<c>training.optimizer</c>).</param>
    /// <param name="learningRate">Local learning rate in round 1, &gt; 0 (<c>training.lr</c>).</param>
    /// <param name="momentum">SGD momentum, in [0, 1) (<c>training.momentum</c>).</param>
    /// <param name="nesterov">Nesterov momentum (<c>training.nesterov</c>); needs SGD with momentum &gt; 0.</param>
    /// <param name="weightDecay">Weight decay, &gt;= 0 (<c>training.weight_decay</c>).</param>
    /// <param name="beta1">Adam's first-moment decay, in [0, 1) (<c>training.beta1</c>).</param>
    /// <param name="beta2">Adam's second-moment decay, in [0, 1) (<c>training.beta2</c>).</param>
    /// <param name="learningRateDecay">Factor applied to the learning rate after each round, in (0, 1] (<c>training.lr_decay</c>).</param>
    /// <param name="optimizerState">Whether clients keep optimiser state between rounds (<c>training.optimizer_state</c>).</param>
    /// <param name="maxGradNorm">Clip each step's gradient to this L2 norm, 0 for no clipping (<c>training.max_grad_norm</c>).</param>
    /// <exception cref="ArgumentException">An argument is out of range, or Nesterov is asked without SGD momentum.</exception>
    public TrainingConfig(
        int epochs = ConfigDefaults.Epochs,
        int batchSize = ConfigDefaults.BatchSize,
        OptimizerKind optimizer = ConfigDefaults.Optimizer,
        double learningRate = ConfigDefaults.LearningRate,
        double momentum = ConfigDefaults.Momentum,
        bool nesterov = ConfigDefaults.Nesterov,
        double weightDecay = ConfigDefaults.WeightDecay,
        double beta1 = ConfigDefaults.Beta1,
        double beta2 = ConfigDefaults.Beta2,
        double learningRateDecay = ConfigDefaults.LearningRateDecay,
        OptimizerStateMode optimizerState = ConfigDefaults.OptimizerState,
        double maxGradNorm = ConfigDefaults.MaxGradNorm)
    {
        ConfigKeys.TrainingEpochs.Check(epochs, nameof(epochs));
        ConfigKeys.TrainingBatchSize.Check(batchSize, nameof(batchSize));
        ConfigTokens.ToToken(optimizer);
        ConfigKeys.TrainingLearningRate.Check(learningRate, nameof(learningRate));
        ConfigKeys.TrainingMomentum.Check(momentum, nameof(momentum));
        ConfigKeys.TrainingWeightDecay.Check(weightDecay, nameof(weightDecay));
        ConfigKeys.TrainingBeta1.Check(beta1, nameof(beta1));
        ConfigKeys.TrainingBeta2.Check(beta2, nameof(beta2));
        ConfigKeys.TrainingLearningRateDecay.Check(learningRateDecay, nameof(learningRateDecay));
        ConfigTokens.ToToken(optimizerState);
        ConfigKeys.TrainingMaxGradNorm.Check(maxGradNorm, nameof(maxGradNorm));
        if (NesterovError(optimizer, momentum, nesterov) is { } nesterovError)
        {
            throw new ArgumentException($"{ConfigKeys.TrainingNesterov.Path}: {nesterovError}", nameof(nesterov));
        }

        Epochs = epochs;
        BatchSize = batchSize;
        Optimizer = optimizer;
        LearningRate = learningRate;
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        Beta1 = beta1;
        Beta2 = beta2;
        LearningRateDecay = learningRateDecay;
        OptimizerState = optimizerState;
        MaxGradNorm = maxGradNorm;
    }

    /// <summary>Local epochs per round (<c>training.epochs</c>).</summary>
    public int Epochs { get; }

    /// <summary>Mini-batch size (<c>training.batch_size</c>).</summary>
    public int BatchSize { get; }

    /// <summary>Local optimiser (<c>training.optimizer</c>).</summary>
    public OptimizerKind Optimizer { get; }

    /// <summary>Local learning rate in round 1 (<c>training.lr</c>); round r uses lr · lr_decay^(r−1).</summary>
    public double LearningRate { get; }

    /// <summary>SGD momentum (<c>training.momentum</c>).</summary>
    public double Momentum { get; }

    /// <summary>Nesterov momentum (<c>training.nesterov</c>).</summary>
    public bool Nesterov { get; }

    /// <summary>Weight decay (<c>training.weight_decay</c>): L2 for SGD and Adam, decoupled for AdamW.</summary>
    public double WeightDecay { get; }

    /// <summary>Adam's first-moment decay (<c>training.beta1</c>).</summary>
    public double Beta1 { get; }

    /// <summary>Adam's second-moment decay (<c>training.beta2</c>).</summary>
    public double Beta2 { get; }

    /// <summary>Per-round multiplicative learning-rate decay (<c>training.lr_decay</c>); 1 keeps it constant.</summary>
    public double LearningRateDecay { get; }

    /// <summary>Whether clients keep optimiser state between rounds (<c>training.optimizer_state</c>).</summary>
    public OptimizerStateMode OptimizerState { get; }

    /// <summary>Gradient L2-norm clipping bound; 0 for none (<c>training.max_grad_norm</c>).</summary>
    public double MaxGradNorm { get; }

    /// <summary>The learning rate of a 1-based round: lr · lr_decay^(round−1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="round"/> is below 1.</exception>
    public double LearningRateAt(int round)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        return LearningRate * Math.Pow(LearningRateDecay, round - 1);
    }

    internal static string? NesterovError(OptimizerKind optimizer, double momentum, bool nesterov) =>
        nesterov && (optimizer != OptimizerKind.Sgd || momentum <= 0)
            ? "Nesterov momentum needs optimizer sgd with momentum > 0"
            : null;
}
