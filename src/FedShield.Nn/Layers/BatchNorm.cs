using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// Batch normalisation per channel (axis 1), as <c>torch.nn.BatchNorm*d</c>: y = (x − μ) / √(σ² + ε) · γ + β.
/// In training mode μ and σ² (biased) are the batch statistics over every axis but the channel axis,
/// and the running estimates are updated as r ← (1 − momentum)·r + momentum·s with the unbiased batch
/// variance; in inference mode the running estimates are used.
/// State: <c>weight</c> γ (C, ones), <c>bias</c> β (C, zeros), buffers <c>running_mean</c> (C, zeros)
/// and <c>running_var</c> (C, ones). PyTorch's integer <c>num_batches_tracked</c> is kept as
/// <see cref="BatchesTracked"/>, outside the float state. The derived layers fix the accepted input ranks.
/// </summary>
public abstract class BatchNorm : Module
{
    /// <summary>Creates the layer for <paramref name="numFeatures"/> channels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel count is not positive, eps is not positive, or momentum lies outside [0, 1].</exception>
    protected BatchNorm(int numFeatures, double eps, double momentum, bool affine, bool trackRunningStats)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numFeatures);
        if (!(eps > 0) || !double.IsFinite(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{GetType().Name}: eps must be positive and finite.");
        }

        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"{GetType().Name}: momentum must lie in [0, 1].");
        }

        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", numFeatures);
            Bias = RegisterParameter("bias", numFeatures);
        }

        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", numFeatures);
            RunningVar = RegisterBuffer("running_var", numFeatures);
        }

        BatchNormFunction.InitialiseState(Weight, RunningVar);
    }

    /// <summary>The number of channels C.</summary>
    public int NumFeatures { get; }

    /// <summary>The constant added to the variance for stability.</summary>
    public double Eps { get; }

    /// <summary>The weight of the newest batch in the running estimates.</summary>
    public double Momentum { get; }

    /// <summary>The scale γ, shape (C), or null without affine parameters.</summary>
    public Parameter? Weight { get; }

    /// <summary>The shift β, shape (C), or null without affine parameters.</summary>
    public Parameter? Bias { get; }

    /// <summary>The running mean, shape (C), or null when running statistics are not tracked.</summary>
    public ModuleBuffer? RunningMean { get; }

    /// <summary>The running (unbiased) variance, shape (C), or null when running statistics are not tracked.</summary>
    public ModuleBuffer? RunningVar { get; }

    /// <summary>The number of training-mode forward passes that updated the running statistics.</summary>
    public long BatchesTracked { get; private set; }

    /// <summary>A description of the accepted input shapes, for error messages, e.g. "(N, C, H, W)".</summary>
    protected abstract string ExpectedShape { get; }

    /// <summary>Normalises <paramref name="input"/>; see the type's remarks for the two modes.</summary>
    /// <exception cref="ArgumentException">The input has the wrong rank or channel count, or a training batch has a single value per channel.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!AcceptsRank(input.Rank) || input.Size(1) != NumFeatures)
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: expected {ExpectedShape}.", nameof(input));
        }

        var y = BatchNormFunction.Forward(this, input, NumFeatures, Weight, Bias, RunningMean, RunningVar, IsTraining, Momentum, Eps);
        if (IsTraining && RunningMean is not null)
        {
            BatchesTracked++;
        }

        return y;
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}({NumFeatures})";

    /// <summary>Whether an input of rank <paramref name="rank"/> is accepted.</summary>
    protected abstract bool AcceptsRank(int rank);
}
