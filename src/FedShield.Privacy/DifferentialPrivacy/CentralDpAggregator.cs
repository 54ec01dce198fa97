using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// Central DP-FedAvg (McMahan, Ramage, Talwar and Zhang, "Learning Differentially Private Recurrent
/// Language Models", ICLR 2018) with the fixed-denominator estimator: each client's delta is clipped
/// to L2 norm S and counts once, the server adds N(0, (zS)²) to every coordinate of the sum and
/// divides by the expected number of clients per round qN,
/// Δ = (Σ_k clip_S(Δ_k) + N(0, (zS)²·I)) / (qN).
/// One client changes the sum by at most S, so each round is one step of the sampled Gaussian
/// mechanism with noise multiplier z, accounted by <see cref="PrivacyAccountingMetric"/>.
/// </summary>
/// <remarks>
/// <para>
/// Seeing individual updates (<see cref="Aggregate"/>), the aggregator clips each one itself. Under
/// a summing protocol (secure aggregation), <see cref="SumForm"/> tells every client to clip to S
/// and not to weight by its sample count, and <see cref="FromSum"/> adds the noise to the revealed
/// sum. Sums are accumulated in double precision in ascending client-id order.
/// </para>
/// <para>
/// Unlike the other aggregators this one is randomised on purpose: the noise comes from an injected
/// <see cref="GaussianNoise"/> (a CSPRNG keyed by the operating system unless a test passes a seeded
/// one), so two runs differ even with the same run seed. The server is trusted with the individual
/// updates unless a summing protocol hides them.
/// </para>
/// <para>
/// Metrics: <c>dp.clip</c> (S), <c>dp.noise_std</c> (zS, the noise standard deviation on the sum),
/// <c>dp.updates</c> (updates in the sum) and, when it saw the individual updates, <c>dp.clipped</c>
/// (how many were scaled down).
/// </para>
/// </remarks>
public sealed class CentralDpAggregator : ISummableAggregator, IDisposable
{
    private readonly GaussianNoise _noise;
    private readonly bool _ownsNoise;
    private readonly Lock _gate = new();

    /// <summary>Creates the aggregator.</summary>
    /// <param name="options">Clip S, noise multiplier z and expected clients per round qN.</param>
    /// <param name="noise">The noise source; null for a sampler keyed by the operating system's random generator (owned and disposed by the aggregator).</param>
    public CentralDpAggregator(CentralDpOptions options, GaussianNoise? noise = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _ownsNoise = noise is null;
        _noise = noise ?? new GaussianNoise();
    }

    /// <summary>The settings in use.</summary>
    public CentralDpOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "dp-fedavg";

    /// <inheritdoc/>
    /// <remarks>Each client clips its own delta to S and counts once.</remarks>
    public SumForm? SumForm => new(Options.ClipNorm, WeightBySamples: false);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The updates differ in length, hold a non-finite value, or a client appears twice.</exception>
    /// <exception cref="InvalidOperationException">There are no updates.</exception>
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            throw new InvalidOperationException("DP-FedAvg needs at least one update");
        }

        var sorted = updates.OrderBy(u => u.ClientId).ToArray();
        var length = sorted[0].Values.Length;
        var sum = new double[length];
        var clipped = 0;
        var scratch = new float[length];
        for (var k = 0; k < sorted.Length; k++)
        {
            var u = sorted[k];
            if (k > 0 && u.ClientId == sorted[k - 1].ClientId)
            {
                throw new ArgumentException($"client {u.ClientId} appears twice in the round's updates", nameof(updates));
            }

            if (u.Values.Length != length)
            {
                throw new ArgumentException($"update of client {u.ClientId} has {u.Values.Length} values, expected {length}", nameof(updates));
            }

            if (!double.IsFinite(L2Clipping.Norm(u.Values)))
            {
                throw new ArgumentException($"update of client {u.ClientId} has a non-finite value", nameof(updates));
            }

            // Clip a copy: the caller's updates stay as they were.
            u.Values.CopyTo(scratch, 0);
            var norm = L2Clipping.ClipInPlace(scratch, Options.ClipNorm);
            if (norm > Options.ClipNorm)
            {
                clipped++;
            }

            for (var i = 0; i < length; i++)
            {
                sum[i] += scratch[i];
            }
        }

        return Finish(sum, sorted.Length, clipped);
    }

    /// <inheritdoc/>
    /// <remarks>The clients clipped their deltas to S and each counts once, so <paramref name="totalWeight"/> equals <paramref name="count"/>; the estimator divides by qN regardless.</remarks>
    /// <exception cref="InvalidOperationException">The count is not positive.</exception>
    public AggregationResult FromSum(ReadOnlySpan<double> weightedSum, double totalWeight, int count)
    {
        if (count <= 0)
        {
            throw new InvalidOperationException($"DP-FedAvg needs at least one update in the sum, got {count}");
        }

        return Finish(weightedSum, count, null);
    }

    /// <summary>Disposes the noise source when this aggregator created it.</summary>
    public void Dispose()
    {
        if (_ownsNoise)
        {
            lock (_gate)
            {
                _noise.Dispose();
            }
        }
    }

    private AggregationResult Finish(ReadOnlySpan<double> sum, int count, int? clipped)
    {
        var std = Options.SumNoiseStd;
        var noise = new double[sum.Length];
        lock (_gate)
        {
            _noise.Fill(noise, std);
        }

        var delta = new float[sum.Length];
        var denominator = Options.ExpectedClients;
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = (float)((sum[i] + noise[i]) / denominator);
        }

        Metric[] metrics = clipped is { } c
            ? [new("dp.clip", Options.ClipNorm), new("dp.noise_std", std), new("dp.updates", count), new("dp.clipped", c)]
            : [new("dp.clip", Options.ClipNorm), new("dp.noise_std", std), new("dp.updates", count)];
        return new AggregationResult(delta, MetricSet.Of(metrics), []);
    }
}
