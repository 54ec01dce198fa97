namespace FedShield.Nn.Layers;

/// <summary>
/// Batch normalisation of x (N, C, H, W), as <c>torch.nn.BatchNorm2d</c>; statistics over the batch
/// and spatial axes. See <see cref="BatchNorm"/> for the computation and state.
/// </summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <summary>Creates the layer for <paramref name="numFeatures"/> channels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel count is not positive, eps is not positive, or momentum lies outside [0, 1].</exception>
    public BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
        : base(numFeatures, eps, momentum, affine, trackRunningStats)
    {
    }

    /// <inheritdoc />
    protected override string ExpectedShape => $"(N, {NumFeatures}, H, W)";

    /// <inheritdoc />
    protected override bool AcceptsRank(int rank) => rank == 4;
}
