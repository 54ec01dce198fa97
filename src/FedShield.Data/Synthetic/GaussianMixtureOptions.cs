namespace FedShield.Data.Synthetic;

/// <summary>Shape and difficulty of a <see cref="GaussianMixture"/> dataset, validated on construction.</summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>Creates and validates the options.</summary>
    /// <param name="classes">Number of classes (Gaussian components), ≥ 2.</param>
    /// <param name="features">Dimension of a sample, ≥ 1.</param>
    /// <param name="trainPerClass">Training samples per class, ≥ 1.</param>
    /// <param name="testPerClass">Test samples per class, ≥ 1.</param>
    /// <param name="separation">Mean distance between two class means, in units of <paramref name="noise"/>, ≥ 0 (0: all classes identical).</param>
    /// <param name="noise">Standard deviation σ of every feature around its class mean, &gt; 0.</param>
    /// <param name="seed">Seed of the means, the samples and the shuffles.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value lies outside its range or is not finite.</exception>
    public GaussianMixtureOptions(int classes = 10, int features = 20, int trainPerClass = 500, int testPerClass = 100, double separation = 3.0, double noise = 1.0, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainPerClass, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(testPerClass, 1);
        if (!(separation >= 0 && double.IsFinite(separation)))
        {
            throw new ArgumentOutOfRangeException(nameof(separation), separation, $"separation must be finite and ≥ 0; got {separation}.");
        }

        if (!(noise > 0 && double.IsFinite(noise)))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"noise must be finite and > 0; got {noise}.");
        }

        Classes = classes;
        Features = features;
        TrainPerClass = trainPerClass;
        TestPerClass = testPerClass;
        Separation = separation;
        Noise = noise;
        Seed = seed;
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Features per sample.</summary>
    public int Features { get; }

    /// <summary>Training samples per class.</summary>
    public int TrainPerClass { get; }

    /// <summary>Test samples per class.</summary>
    public int TestPerClass { get; }

    /// <summary>Mean distance between class means, in units of <see cref="Noise"/>.</summary>
    public double Separation { get; }

    /// <summary>Per-feature standard deviation σ around the class mean.</summary>
    public double Noise { get; }

    /// <summary>Seed of the means, the samples and the shuffles.</summary>
    public int Seed { get; }
}
