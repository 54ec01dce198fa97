using FedShield.Privacy.SecureAggregation;

namespace FedShield.Benchmarks;

/// <summary>
/// The predicted cost of one secure-aggregation round, from the number of mask bytes each side must
/// expand and the key agreements it must run, priced with a <see cref="SecAggCalibration"/>.
/// </summary>
/// <remarks>
/// With n clients, graph degree k (n − 1 for SecAgg), s = n − f survivors after f drop at the masked
/// input stage, E = d + 1 ring elements and w = 4 stream bytes per element (8 above 32 bits):
/// <list type="bullet">
/// <item>clients: s·(k + 2)·E·w stream bytes (each survivor expands its self mask and k pairwise
/// masks; the encoding and packing of its input is counted as one more stream) and n·k pairs of key
/// work;</item>
/// <item>server: (s + f·k·s/(n − 1) + s)·E·w stream bytes (the survivors' self masks, the pairwise masks
/// between each dropped client and the survivors among its k neighbours, and unpacking the s inputs
/// counted as one more stream each) and f·k·s/(n − 1) key derivations.</item>
/// </list>
/// Seconds = client work / workers + server work / server threads: the clients' stages run on the
/// transport's workers, the mask removal on the server's threads, one after the other.
/// </remarks>
/// <param name="Degree">k, the masking graph's degree.</param>
/// <param name="ClientPrgBytes">Stream bytes over all clients (encoding counted as one stream per survivor).</param>
/// <param name="ServerPrgBytes">Stream bytes at the server (unpacking counted as one stream per survivor).</param>
/// <param name="ClientPairs">Pairs of key work over all clients: n·k.</param>
/// <param name="ServerDerivations">Pairwise mask seeds the server rebuilds: f·k·s/(n − 1), rounded up.</param>
/// <param name="Seconds">The predicted wall time of the round.</param>
public sealed record SecAggEstimate(int Degree, double ClientPrgBytes, double ServerPrgBytes, double ClientPairs, double ServerDerivations, double Seconds)
{
    /// <summary>Estimates a round.</summary>
    /// <param name="variant">SecAgg or SecAgg+ (default degree).</param>
    /// <param name="n">Clients (≥ 2).</param>
    /// <param name="d">Model parameters (≥ 1).</param>
    /// <param name="dropped">Clients that drop at the masked-input stage (0 ≤ f &lt; n).</param>
    /// <param name="bits">Ring width.</param>
    /// <param name="calibration">This machine's speed.</param>
    /// <param name="workers">Clients run at once.</param>
    /// <param name="serverThreads">Threads removing masks.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static SecAggEstimate Of(SecureAggregationVariant variant, int n, int d, int dropped, int bits, SecAggCalibration calibration, int workers, int serverThreads)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(dropped);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dropped, n);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(serverThreads, 1);

        var degree = new SecureAggregationOptions(variant).NeighboursFor(n);
        double elementBytes = (d + 1.0) * (bits <= 32 ? 4 : 8);
        double survivors = n - dropped;
        double clientBytes = survivors * (degree + 2) * elementBytes;
        double clientPairs = (double)n * degree;
        double rebuilt = Math.Ceiling(dropped * degree * survivors / (n - 1));
        double serverBytes = ((2 * survivors) + rebuilt) * elementBytes;
        double seconds =
            ((clientBytes / calibration.PrgBytesPerSecond) + (clientPairs * calibration.PairSeconds)) / workers
            + (serverBytes / calibration.PrgBytesPerSecond / serverThreads)
            + (rebuilt * calibration.DeriveSeconds / serverThreads);
        return new SecAggEstimate(degree, clientBytes, serverBytes, clientPairs, rebuilt, seconds);
    }
}
