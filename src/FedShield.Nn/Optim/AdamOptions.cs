namespace FedShield.Nn.Optim;

/// <summary>Hyper-parameters of <see cref="Adam"/> (L2 weight decay added to the gradient), with PyTorch's defaults, validated on construction.</summary>
public sealed record AdamOptions
{
    /// <summary>Creates and validates the options.</summary>
    /// <param name="learningRate">Step size, ≥ 0.</param>
    /// <param name="beta1">Decay of the first-moment estimate, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment estimate, in [0, 1).</param>
    /// <param name="eps">Added to the denominator outside the square root, &gt; 0.</param>
    /// <param name="weightDecay">L2 penalty coefficient added to the gradient, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value lies outside its range or is not finite.</exception>
    public AdamOptions(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    {
        AdamValidation.Validate(nameof(AdamOptions), learningRate, beta1, beta2, eps, weightDecay);
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
    }

    /// <summary>Step size.</summary>
    public double LearningRate { get; }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Eps { get; }

    /// <summary>L2 penalty coefficient.</summary>
    public double WeightDecay { get; }
}
