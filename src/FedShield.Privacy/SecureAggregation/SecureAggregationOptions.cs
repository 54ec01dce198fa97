namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// Settings of secure aggregation, validated when constructed.
/// </summary>
/// <remarks>
/// <para>
/// <b>Threshold.</b> A client's secrets are split so that any t holders of its group can rebuild
/// them. The group is the round's n selected clients for SecAgg and the client with its k
/// neighbours (k + 1 clients) for SecAgg+. The rule enforced is 2 ≤ t ≤ group and t &gt; group/2:
/// with a majority threshold no two disjoint sets of t holders exist, so a server that tells some
/// clients that u dropped (to obtain shares of u's mask key) and others that u survived (to obtain
/// shares of u's self-mask seed) cannot collect t shares of both; together with each client's refusal
/// to reveal both kinds of share for the same client, u's input stays masked. t ≥ 2 keeps a single
/// share from being the secret. Lower thresholds tolerate more dropouts; higher ones need more
/// colluders to unmask a client.
/// </para>
/// <para>
/// <b>Fixed point.</b> Each coordinate of a client's delta is clipped to [−c, c] (after L2 clipping
/// to M when the aggregator's <see cref="Federation.Strategies.SumForm.ClipNorm"/> asks for it, in
/// which case c_eff = min(c, M), else c_eff = c), multiplied by the client's weight w (its sample
/// count capped at W, or 1 when updates count once; W_eff likewise W or 1) and by the scale
/// S = B/(c_eff·W_eff), rounded to the nearest integer and clamped to [−B, B], where
/// B = ⌊(2^(bits−1) − 1)/n⌋ for n selected clients: the sum of n such integers cannot leave the
/// signed range of Z_{2^bits}. The weight travels as one more, unscaled, ring element.
/// </para>
/// <para>
/// <b>Error bound.</b> Per coordinate, the decoded weighted mean differs from the exact weighted
/// mean Σ w·x̃ / Σ w of the survivors' (U3) clipped updates x̃ by at most
/// |U3|·(1/2 + B·2^−51)/(S·Σw) ≤ (1/2 + B·2^−51)·c_eff·W_eff/B: rounding to the nearest integer,
/// plus the double-precision products, which matter only above about 52 bits; then the aggregate is
/// rounded to <see cref="float"/>. Each round reports its bound as <c>secagg.error_bound</c>; for
/// example n = 100, 32 bits, c = 1 and unweighted updates give 2.3·10⁻⁸. Clipping itself is a
/// deliberate change, not an error: choose c above the usual range of the deltas. See
/// <c>docs/secure-aggregation.md</c>.
/// </para>
/// </remarks>
public sealed record SecureAggregationOptions
{
    /// <summary>The default clip range c.</summary>
    public const double DefaultClipRange = 1.0;

    /// <summary>The default ring width in bits.</summary>
    public const int DefaultBits = 32;

    /// <summary>The default largest aggregation weight W.</summary>
    public const long DefaultMaxWeight = 1000;

    /// <summary>The default threshold fraction: t = ⌊group/2⌋ + 1, the smallest majority.</summary>
    public const double DefaultThresholdFraction = 0.5;

    /// <summary>Creates validated options.</summary>
    /// <param name="variant">SecAgg (complete graph) or SecAgg+ (random k-regular graph).</param>
    /// <param name="thresholdFraction">
    /// The threshold as a fraction f of the group: t = ⌊f·group⌋ + 1, "more than a fraction f". In
    /// [0.5, 1); 0.5 gives the smallest majority. Ignored when <paramref name="thresholdCount"/> is set.
    /// </param>
    /// <param name="thresholdCount">The threshold as a fixed count t ≥ 2 (checked against each round's group: t ≤ group and t &gt; group/2); null to use the fraction.</param>
    /// <param name="clipRange">The range c each coordinate is clipped to, [−c, c]; positive and finite.</param>
    /// <param name="bits">The ring width k of Z_{2^k}, from 8 to 64.</param>
    /// <param name="maxWeight">The largest aggregation weight W: sample counts above it count as W. At least 1 and below 2^bits.</param>
    /// <param name="neighbours">SecAgg+ only: the degree k of the masking graph, even and at least 2; null for <see cref="DefaultNeighbours"/>.</param>
    /// <param name="serverThreads">Threads the server uses to remove masks; 0 for one per processor core.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it and what was expected.</exception>
    /// <exception cref="ArgumentException">Neighbours are set for plain SecAgg.</exception>
    public SecureAggregationOptions(
        SecureAggregationVariant variant = SecureAggregationVariant.SecAgg,
        double thresholdFraction = DefaultThresholdFraction,
        int? thresholdCount = null,
        double clipRange = DefaultClipRange,
        int bits = DefaultBits,
        long maxWeight = DefaultMaxWeight,
        int? neighbours = null,
        int serverThreads = 0)
    {
        if (!Enum.IsDefined(variant))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, "expected SecAgg or SecAggPlus");
        }

        if (!(thresholdFraction >= 0.5 && thresholdFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdFraction), thresholdFraction, "the threshold fraction must be in [0.5, 1): the threshold is more than this fraction of the group");
        }

        if (thresholdCount is { } count && count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdCount), count, "the threshold must be at least 2 shares");
        }

        if (!(double.IsFinite(clipRange) && clipRange > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(clipRange), clipRange, "the clip range must be positive and finite");
        }

        if (bits is < 8 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "the ring width must be from 8 to 64 bits");
        }

        if (maxWeight < 1 || (bits < 64 && (ulong)maxWeight >= 1UL << bits))
        {
            throw new ArgumentOutOfRangeException(nameof(maxWeight), maxWeight, $"the largest weight must be at least 1 and below 2^{bits}");
        }

        if (neighbours is { } k)
        {
            if (variant != SecureAggregationVariant.SecAggPlus)
            {
                throw new ArgumentException($"neighbours ({k}) apply to SecAgg+ only; plain SecAgg masks with every client", nameof(neighbours));
            }

            if (k < 2 || k % 2 != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(neighbours), k, "the number of neighbours must be even and at least 2 (a k-regular circulant graph on any larger number of clients)");
            }

            if (thresholdCount is { } t && (t > k + 1 || 2 * t <= k + 1))
            {
                throw new ArgumentOutOfRangeException(nameof(thresholdCount), t, $"with {k} neighbours a group has {k + 1} clients, so the threshold must be more than {(k + 1) / 2.0} and at most {k + 1}");
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(serverThreads);

        Variant = variant;
        ThresholdFraction = thresholdFraction;
        ThresholdCount = thresholdCount;
        ClipRange = clipRange;
        Bits = bits;
        MaxWeight = maxWeight;
        Neighbours = neighbours;
        ServerThreads = serverThreads == 0 ? Environment.ProcessorCount : serverThreads;
    }

    /// <summary>SecAgg or SecAgg+.</summary>
    public SecureAggregationVariant Variant { get; }

    /// <summary>The threshold as a fraction of the group (used when <see cref="ThresholdCount"/> is null).</summary>
    public double ThresholdFraction { get; }

    /// <summary>The threshold as a fixed count, or null.</summary>
    public int? ThresholdCount { get; }

    /// <summary>The coordinate clip range c.</summary>
    public double ClipRange { get; }

    /// <summary>The ring width k in bits.</summary>
    public int Bits { get; }

    /// <summary>The largest aggregation weight W.</summary>
    public long MaxWeight { get; }

    /// <summary>The SecAgg+ graph degree, or null for <see cref="DefaultNeighbours"/>.</summary>
    public int? Neighbours { get; }

    /// <summary>Threads the server uses to remove masks (resolved, ≥ 1).</summary>
    public int ServerThreads { get; }

    /// <summary>
    /// The default SecAgg+ degree for <paramref name="clients"/> clients: the smallest even number at
    /// least 8·log2(n), at most n − 1 (a complete graph). With t = ⌊(k+1)/2⌋ + 1 a client's group
    /// can lose more than k + 1 − t members with probability below 10⁻⁵ per round for n ≥ 100 when
    /// each client independently drops with probability 0.2 (see docs/secure-aggregation.md for the
    /// table and for higher dropout rates).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 clients.</exception>
    public static int DefaultNeighbours(int clients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 2);
        var k = 2 * (int)Math.Ceiling(4 * Math.Log2(clients));
        return Math.Min(k, clients - 1);
    }

    /// <summary>
    /// The graph degree for a round whose key advertisement <paramref name="clients"/> clients
    /// answered: n − 1 for SecAgg; for SecAgg+ the configured or default degree, capped at n − 1.
    /// </summary>
    public int NeighboursFor(int clients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 2);
        return Variant == SecureAggregationVariant.SecAgg
            ? clients - 1
            : Math.Min(Neighbours ?? DefaultNeighbours(clients), clients - 1);
    }

    /// <summary>The threshold for a group of <paramref name="groupSize"/> clients: the count if set, else ⌊f·group⌋ + 1.</summary>
    public int ThresholdFor(int groupSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        return ThresholdCount ?? ((int)Math.Floor(ThresholdFraction * groupSize) + 1);
    }

    /// <summary>Why threshold <paramref name="threshold"/> cannot serve a group of <paramref name="groupSize"/>, or null when it can.</summary>
    public static string? ThresholdProblem(int threshold, int groupSize)
    {
        if (threshold < 2)
        {
            return $"the threshold {threshold} is below 2";
        }

        if (threshold > groupSize)
        {
            return $"the threshold {threshold} exceeds the group of {groupSize} clients";
        }

        return 2 * threshold <= groupSize
            ? $"the threshold {threshold} is not more than half of the group of {groupSize} clients"
            : null;
    }
}
