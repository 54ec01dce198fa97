namespace FedShield.Nn.Losses;

/// <summary>How a loss combines its per-element values, as PyTorch's <c>reduction</c> argument.</summary>
public enum Reduction
{
    /// <summary>The (weighted) mean: a scalar.</summary>
    Mean,

    /// <summary>The sum: a scalar.</summary>
    Sum,

    /// <summary>No reduction: one value per element (per sample for classification losses).</summary>
    None,
}
