namespace FedShield.Nn.Losses;

/// <summary>How <see cref="KlDivLoss"/> combines its point-wise terms, as PyTorch's <c>kl_div</c> reduction.</summary>
public enum KlDivReduction
{
    /// <summary>The sum divided by the batch size (the first axis): the true mean KL divergence per sample.</summary>
    BatchMean,

    /// <summary>The sum of all terms.</summary>
    Sum,

    /// <summary>The mean over all elements (PyTorch's default, which is not the KL divergence per sample).</summary>
    Mean,

    /// <summary>The point-wise terms, in the input's shape.</summary>
    None,
}
