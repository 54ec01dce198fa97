namespace FedShield.Nn.Optim;

/// <summary>Hyper-parameters of <see cref="AdamW"/> (decoupled weight decay θ ← θ·(1 − lr·wd)), with PyTorch's defaults, validated on construction.</summary>
public sealed record AdamWOptions
{
    /// <summary>Creates and validates the options.</summary>
    /// <param name="learningRate">Step size, ≥ 0.</param>
    /// <param name="beta1">Decay of the first-moment estimate, in [0, 1).</param>
    /// <param name="beta2">Decay of the second-moment estimate, in [0, 1).</param>
    /// <param name="eps">Added to the denominator outside the square root, &gt; 0.</param>
    /// <param name="weightDecay">Decoupled weight-decay coefficient, ≥ 0 (PyTorch default 0.01).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value lies outside its range or is not finite.</exception>
    public AdamWOptions(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2)
    {
        AdamValidation.Validate(nameof(AdamWOptions), learningRate, beta1, beta2, eps, weightDecay);
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

    /// <summary>Decoupled weight-decay coefficient.</summary>
    public double WeightDecay { get; }
}
