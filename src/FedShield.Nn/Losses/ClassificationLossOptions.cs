namespace FedShield.Nn.Losses;

/// <summary>Options of <see cref="CrossEntropyLoss"/> and <see cref="NllLoss"/>, validated on construction.</summary>
public sealed record ClassificationLossOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="reduction">How per-sample losses combine; <see cref="Reduction.Mean"/> divides by the sum of the weights of the (non-ignored) targets, as PyTorch.</param>
    /// <param name="classWeights">Optional weight per class (length C, finite, non-negative); null for 1 each.</param>
    /// <param name="ignoreIndex">Optional target value whose samples contribute nothing (PyTorch's <c>ignore_index</c>); null to ignore none.</param>
    /// <exception cref="ArgumentException">A class weight is negative or not finite.</exception>
    public ClassificationLossOptions(Reduction reduction = Reduction.Mean, IReadOnlyList<float>? classWeights = null, int? ignoreIndex = null)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction.");
        }

        if (classWeights is not null)
        {
            for (int i = 0; i < classWeights.Count; i++)
            {
                if (!float.IsFinite(classWeights[i]) || classWeights[i] < 0)
                {
                    throw new ArgumentException($"Class weight {i} is {classWeights[i]}; weights must be finite and non-negative.", nameof(classWeights));
                }
            }

            classWeights = classWeights.ToArray();
        }

        Reduction = reduction;
        ClassWeights = classWeights;
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>How per-sample losses combine.</summary>
    public Reduction Reduction { get; }

    /// <summary>The weight of each class, or null for uniform weights.</summary>
    public IReadOnlyList<float>? ClassWeights { get; }

    /// <summary>The target value that is ignored, or null.</summary>
    public int? IgnoreIndex { get; }
}
