namespace FedShield.Learning;

/// <summary>How a <see cref="LearningClient"/> trains in each round, validated on construction.</summary>
public sealed record LocalTrainingOptions
{
    /// <summary>Creates and validates the options.</summary>
    /// <param name="epochs">Passes over the client's training samples per round, ≥ 1.</param>
    /// <param name="batchSize">Samples per mini-batch, ≥ 1 (the last batch of an epoch may be smaller).</param>
    /// <param name="optimizer">The local optimizer; null for plain SGD with learning rate 0.01.</param>
    /// <param name="lrDecayPerRound">Factor d &gt; 0: round r trains with learning rate lr·d^(r−1) (1 keeps it constant; the NISS paper uses 0.995 and 0.992).</param>
    /// <param name="optimizerState">Whether optimizer state is reset every round (FedAvg, the default) or kept per client.</param>
    /// <param name="maxGradNorm">When positive, each step's gradient (proximal term included) is rescaled so that its L2 norm is at most this; 0 turns clipping off.</param>
    /// <param name="evaluationBatchSize">Samples per batch when scoring the validation split, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range or not finite.</exception>
    public LocalTrainingOptions(
        int epochs = 1,
        int batchSize = 32,
        OptimizerSpec? optimizer = null,
        double lrDecayPerRound = 1,
        OptimizerStatePolicy optimizerState = OptimizerStatePolicy.Reset,
        double maxGradNorm = 0,
        int evaluationBatchSize = 256)
    {
        if (epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "LocalTrainingOptions: epochs must be ≥ 1.");
        }

        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "LocalTrainingOptions: the batch size must be ≥ 1.");
        }

        if (!double.IsFinite(lrDecayPerRound) || lrDecayPerRound <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lrDecayPerRound), lrDecayPerRound, "LocalTrainingOptions: the per-round learning-rate decay must be a finite number > 0 (1 for none).");
        }

        if (!Enum.IsDefined(optimizerState))
        {
            throw new ArgumentOutOfRangeException(nameof(optimizerState), optimizerState, "LocalTrainingOptions: unknown optimizer state policy.");
        }

        if (!double.IsFinite(maxGradNorm) || maxGradNorm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxGradNorm), maxGradNorm, "LocalTrainingOptions: the gradient-norm bound must be finite and ≥ 0 (0 turns clipping off).");
        }

        if (evaluationBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(evaluationBatchSize), evaluationBatchSize, "LocalTrainingOptions: the evaluation batch size must be ≥ 1.");
        }

        Epochs = epochs;
        BatchSize = batchSize;
        Optimizer = optimizer ?? OptimizerSpec.Sgd();
        LrDecayPerRound = lrDecayPerRound;
        OptimizerState = optimizerState;
        MaxGradNorm = maxGradNorm;
        EvaluationBatchSize = evaluationBatchSize;
    }

    /// <summary>Passes over the training samples per round.</summary>
    public int Epochs { get; }

    /// <summary>Samples per mini-batch.</summary>
    public int BatchSize { get; }

    /// <summary>The local optimizer.</summary>
    public OptimizerSpec Optimizer { get; }

    /// <summary>Per-round learning-rate factor d: round r uses lr·d^(r−1).</summary>
    public double LrDecayPerRound { get; }

    /// <summary>Whether optimizer state is reset every round or kept per client.</summary>
    public OptimizerStatePolicy OptimizerState { get; }

    /// <summary>The bound on each step's gradient L2 norm, or 0 for none.</summary>
    public double MaxGradNorm { get; }

    /// <summary>Samples per batch when scoring the validation split.</summary>
    public int EvaluationBatchSize { get; }

    /// <summary>The learning rate of round <paramref name="round"/> (1-based): lr·d^(round−1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The round is below 1.</exception>
    public double LearningRateForRound(int round)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        return LrDecayPerRound == 1 ? Optimizer.LearningRate : Optimizer.LearningRate * Math.Pow(LrDecayPerRound, round - 1);
    }
}
