namespace FedShield.Nn.Optim;

/// <summary>
/// Adam, exactly as <c>torch.optim.Adam</c>: g ← g + wd·θ (L2 decay); m ← β₁·m + (1 − β₁)·g;
/// v ← β₂·v + (1 − β₂)·g²; θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).
/// The moment vectors are allocated once, at construction.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly AdamMoments _moments;

    /// <summary>Optimizes the parameters of a materialised model.</summary>
    /// <exception cref="InvalidOperationException">The model is not materialised.</exception>
    public Adam(Module model, AdamOptions options)
        : this(Sgd.RequireModel(model).ParameterMemory, model.GradientMemory, options)
    {
    }

    /// <summary>Optimizes an arbitrary parameter vector with the matching gradient vector.</summary>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    public Adam(Memory<float> parameters, Memory<float> gradients, AdamOptions options)
        : base(parameters, gradients, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        Options = options;
        _moments = new AdamMoments(parameters.Length);
    }

    /// <summary>The hyper-parameters (the learning rate in use is <see cref="Optimizer.LearningRate"/>).</summary>
    public AdamOptions Options { get; }

    /// <summary>The live first-moment estimate m, one value per parameter.</summary>
    public ReadOnlySpan<float> ExpAvg => _moments.ExpAvg;

    /// <summary>The live second-moment estimate v, one value per parameter.</summary>
    public ReadOnlySpan<float> ExpAvgSq => _moments.ExpAvgSq;

    /// <inheritdoc />
    protected override void StepCore() =>
        _moments.Step(Parameters.Span, Gradients.Span, StepCount, LearningRate, Options.Beta1, Options.Beta2, Options.Eps, Options.WeightDecay, decoupled: false);

    /// <inheritdoc />
    protected override void ResetCore() => _moments.Clear();

    /// <summary>A copy of the state: step count and both moment vectors.</summary>
    public AdamState ExportState() => _moments.Export(StepCount);

    /// <summary>Replaces the state with a copy of <paramref name="state"/> (for example the previous round's).</summary>
    /// <exception cref="ArgumentException">A moment vector's length differs from the parameter count, or the step count is negative.</exception>
    public void ImportState(AdamState state) => StepCount = _moments.Import(state, nameof(Adam));
}
