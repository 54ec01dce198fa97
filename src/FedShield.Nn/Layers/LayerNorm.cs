using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// Layer normalisation over the trailing axes given by the normalised shape, as
/// <c>torch.nn.LayerNorm</c>: y = (x − μ) / √(σ² + ε) · γ + β with μ and the biased σ² taken over
/// those axes for each leading index; the same in training and inference.
/// State: <c>weight</c> γ (ones) and <c>bias</c> β (zeros), both of the normalised shape.
/// </summary>
public sealed class LayerNorm : Module
{
    private readonly int[] _normalizedShape;

    /// <summary>Creates the layer normalising over trailing axes of shape <paramref name="normalizedShape"/>.</summary>
    /// <exception cref="ArgumentException">The shape is empty or has a non-positive extent, or eps is not positive.</exception>
    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"LayerNorm: normalised shape {ShapeText.Format(normalizedShape)} must be non-empty with positive extents.", nameof(normalizedShape));
        }

        if (!(eps > 0) || !double.IsFinite(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "LayerNorm: eps must be positive and finite.");
        }

        _normalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", _normalizedShape);
            Weight.Value.Span.Fill(1f);
            Bias = bias ? RegisterParameter("bias", _normalizedShape) : null;
        }
    }

    /// <summary>Creates the layer normalising over the last axis of size <paramref name="features"/>.</summary>
    public LayerNorm(int features, double eps = 1e-5, bool elementwiseAffine = true, bool bias = true)
        : this([features], eps, elementwiseAffine, bias)
    {
    }

    /// <summary>The trailing shape normalised over.</summary>
    public ReadOnlySpan<int> NormalizedShape => _normalizedShape;

    /// <summary>The constant added to the variance for stability.</summary>
    public double Eps { get; }

    /// <summary>The scale γ, or null without affine parameters.</summary>
    public Parameter? Weight { get; }

    /// <summary>The shift β, or null.</summary>
    public Parameter? Bias { get; }

    /// <summary>Normalises <paramref name="input"/> (…, normalised shape) over its trailing axes.</summary>
    /// <exception cref="ArgumentException">The input's trailing axes differ from the normalised shape.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int k = _normalizedShape.Length;
        if (input.Rank < k || !input.Shape[(input.Rank - k)..].SequenceEqual(_normalizedShape))
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: expected trailing axes {ShapeText.Format(_normalizedShape)}.", nameof(input));
        }

        var axes = new int[k];
        for (int i = 0; i < k; i++)
        {
            axes[i] = input.Rank - k + i;
        }

        var mean = Ops.Mean(input, axes, keepDim: true);
        var centred = Ops.Sub(input, mean);
        var variance = Ops.Mean(Ops.Mul(centred, centred), axes, keepDim: true);
        var y = Ops.Div(centred, Ops.Sqrt(Ops.Add(variance, (float)Eps)));
        if (Weight is not null)
        {
            y = Ops.Mul(y, Weight.Value);
        }

        if (Bias is not null)
        {
            y = Ops.Add(y, Bias.Value);
        }

        return y;
    }

    /// <inheritdoc />
    public override string ToString() => $"LayerNorm({ShapeText.Format(_normalizedShape)})";
}
