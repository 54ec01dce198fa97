using FedShield.Nn.Optim.Kernels;

namespace FedShield.Nn.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
/// decay, exactly as <c>torch.optim.SGD</c>: d = g + wd·θ; with momentum b = d on the first step,
/// b = μ·b + (1 − τ)·d afterwards, d = d + μ·b (Nesterov) or d = b; then θ = θ − lr·d.
/// The momentum buffer is allocated once, at construction.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[] _momentumBuffer;
    private bool _hasMomentumBuffer;

    /// <summary>Optimizes the parameters of a materialised model.</summary>
    /// <exception cref="InvalidOperationException">The model is not materialised.</exception>
    public Sgd(Module model, SgdOptions options)
        : this(RequireModel(model).ParameterMemory, model.GradientMemory, options)
    {
    }

    /// <summary>Optimizes an arbitrary parameter vector with the matching gradient vector.</summary>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    public Sgd(Memory<float> parameters, Memory<float> gradients, SgdOptions options)
        : base(parameters, gradients, RequireOptions(options).LearningRate)
    {
        Options = options;
        _momentumBuffer = options.Momentum != 0 ? new float[parameters.Length] : [];
    }

    /// <summary>The hyper-parameters (the learning rate in use is <see cref="Optimizer.LearningRate"/>).</summary>
    public SgdOptions Options { get; }

    /// <summary>Whether a momentum buffer exists (false before the first step, after a reset, and without momentum).</summary>
    public bool HasMomentumBuffer => _hasMomentumBuffer;

    /// <summary>The live momentum buffer, one value per parameter; empty while <see cref="HasMomentumBuffer"/> is false.</summary>
    public ReadOnlySpan<float> MomentumBuffer => _hasMomentumBuffer ? _momentumBuffer : [];

    /// <inheritdoc />
    protected override void StepCore()
    {
        bool useMomentum = Options.Momentum != 0;
        var scalars = new SgdScalars(
            NegativeLearningRate: (float)-LearningRate,
            WeightDecay: (float)Options.WeightDecay,
            Momentum: (float)Options.Momentum,
            OneMinusDampening: (float)(1 - Options.Dampening),
            UseMomentum: useMomentum,
            FirstStep: !_hasMomentumBuffer,
            Nesterov: Options.Nesterov);
        SgdKernel.Run(Parameters.Span, Gradients.Span, _momentumBuffer, scalars);
        _hasMomentumBuffer = useMomentum;
    }

    /// <inheritdoc />
    protected override void ResetCore()
    {
        Array.Clear(_momentumBuffer);
        _hasMomentumBuffer = false;
    }

    /// <summary>A copy of the state (step count and momentum buffer, null when there is none).</summary>
    public SgdState ExportState() => new(StepCount, _hasMomentumBuffer ? (float[])_momentumBuffer.Clone() : null);

    /// <summary>Replaces the state with a copy of <paramref name="state"/> (for example the previous round's).</summary>
    /// <exception cref="ArgumentException">The buffer length differs from the parameter count, a buffer is given while momentum is off, or the step count is negative.</exception>
    public void ImportState(SgdState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(state.StepCount, nameof(state));
        if (state.MomentumBuffer is { } buffer)
        {
            if (Options.Momentum == 0)
            {
                throw new ArgumentException("Sgd.ImportState: a momentum buffer was given but this optimizer has no momentum.", nameof(state));
            }

            if (buffer.Length != _momentumBuffer.Length)
            {
                throw new ArgumentException($"Sgd.ImportState: the momentum buffer has {buffer.Length} elements; this optimizer has {_momentumBuffer.Length} parameters.", nameof(state));
            }

            buffer.CopyTo(_momentumBuffer, 0);
        }
        else
        {
            Array.Clear(_momentumBuffer);
        }

        _hasMomentumBuffer = state.MomentumBuffer is not null;
        StepCount = state.StepCount;
    }

    internal static Module RequireModel(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsMaterialized)
        {
            throw new InvalidOperationException($"{model} has not been materialised: call Materialize() on the root module before creating an optimizer.");
        }

        return model;
    }

    private static SgdOptions RequireOptions(SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
