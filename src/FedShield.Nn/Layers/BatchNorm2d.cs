using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// Batch normalisation of x (N, C, H, W), as <c>torch.nn.BatchNorm2d</c>: y = (x − μ) / √(σ² + ε) · γ + β
/// per channel. In training mode μ and σ² (biased) are the batch statistics over the batch and spatial axes, and
/// the running estimates are updated as r ← (1 − momentum)·r + momentum·s with the unbiased batch
/// variance; in inference mode the running estimates are used.
/// State: <c>weight</c> γ (C, ones), <c>bias</c> β (C, zeros), buffers <c>running_mean</c> (C, zeros)
/// and <c>running_var</c> (C, ones). PyTorch's integer <c>num_batches_tracked</c> is kept as
/// <see cref="BatchesTracked"/>, outside the float state.
/// </summary>
public sealed class BatchNorm2d : Module
{
    /// <summary>Creates the layer for <paramref name="numFeatures"/> channels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel count is not positive, eps is not positive, or momentum lies outside [0, 1].</exception>
    public BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numFeatures);
        if (!(eps > 0) || !double.IsFinite(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "BatchNorm2d: eps must be positive and finite.");
        }

        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "BatchNorm2d: momentum must lie in [0, 1].");
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

    /// <summary>Normalises <paramref name="input"/> (N, C, H, W); see the type's remarks for the two modes.</summary>
    /// <exception cref="ArgumentException">The input has the wrong rank or channel count, or a training batch has a single value per channel.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != NumFeatures)
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: expected (N, {NumFeatures}, H, W).", nameof(input));
        }

        var y = BatchNormFunction.Forward(this, input, NumFeatures, Weight, Bias, RunningMean, RunningVar, IsTraining, Momentum, Eps);
        if (IsTraining && RunningMean is not null)
        {
            BatchesTracked++;
        }

        return y;
    }

    /// <inheritdoc />
    public override string ToString() => $"BatchNorm2d({NumFeatures})";
}
