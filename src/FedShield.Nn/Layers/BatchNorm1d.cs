namespace FedShield.Nn.Layers;

/// <summary>
/// Batch normalisation of x (N, C) or (N, C, L), as <c>torch.nn.BatchNorm1d</c>; statistics over the
/// batch (and length) axes. See <see cref="BatchNorm"/> for the computation and state.
/// </summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>Creates the layer for <paramref name="numFeatures"/> channels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel count is not positive, eps is not positive, or momentum lies outside [0, 1].</exception>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
        : base(numFeatures, eps, momentum, affine, trackRunningStats)
    {
    }

    /// <inheritdoc />
    protected override string ExpectedShape => $"(N, {NumFeatures}) or (N, {NumFeatures}, L)";

    /// <inheritdoc />
    protected override bool AcceptsRank(int rank) => rank is 2 or 3;
}
