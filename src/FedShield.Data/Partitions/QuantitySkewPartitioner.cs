using System.Globalization;

namespace FedShield.Data.Partitions;

/// <summary>
/// Quantity-skew partition: client sizes vary, labels do not. Each client draws a weight
/// w ~ LogNormal(0, σ); every client gets one sample, and the remaining n − N samples are shared in proportion
/// to the weights (largest-remainder rounding). Samples are then dealt IID, so label distributions stay close
/// to the global one. σ = 0 gives equal sizes; σ = 1 gives sizes whose logarithms have standard deviation ≈ 1.
/// </summary>
public sealed class QuantitySkewPartitioner : IPartitioner
{
    /// <summary>Creates the partitioner.</summary>
    /// <param name="sigma">Standard deviation σ of the log-weights, non-negative and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">σ is negative, NaN or infinite.</exception>
    public QuantitySkewPartitioner(double sigma = 1.0)
    {
        if (!(sigma >= 0) || double.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), $"Quantity-skew partition: sigma {sigma.ToString(CultureInfo.InvariantCulture)} must be non-negative and finite.");
        }

        Sigma = sigma;
    }

    /// <summary>Standard deviation σ of the log-normal weights.</summary>
    public double Sigma { get; }

    /// <inheritdoc/>
    public string Name => "quantity";

    /// <inheritdoc/>
    public string Describe() => $"quantity(sigma={Sigma.ToString("R", CultureInfo.InvariantCulture)})";

    /// <inheritdoc/>
    public int[][] Assign(ReadOnlySpan<int> labels, int classCount, int clientCount, Random random)
    {
        PartitionMath.Validate("Quantity-skew", labels, classCount, clientCount, random);
        var draws = new RandomDraws(random);
        var weights = new double[clientCount];
        for (int c = 0; c < clientCount; c++)
        {
            weights[c] = draws.NextLogNormal(Sigma);
        }

        var sizes = PartitionMath.Apportion(weights, labels.Length - clientCount);
        for (int c = 0; c < clientCount; c++)
        {
            sizes[c]++;
        }

        var order = PartitionMath.Sequence(labels.Length);
        draws.Shuffle(order);
        return PartitionMath.Cut(order, sizes);
    }
}
