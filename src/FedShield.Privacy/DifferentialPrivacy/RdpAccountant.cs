namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// A Rényi differential privacy accountant for the sampled Gaussian mechanism (Mironov, "Rényi
/// Differential Privacy", CSF 2017; Mironov, Talwar and Zhang, "Rényi Differential Privacy of the
/// Sampled Gaussian Mechanism", 2019). It keeps RDP(α) at a fixed set of orders α, adds each step's
/// RDP to it (RDP composes additively, also across steps of different sampling rates and noise),
/// and converts the total to (ε, δ) by minimising over the orders.
/// </summary>
/// <remarks>
/// <para>
/// A step is one release of Σ_{k∈S} clip(x_k) + N(0, σ²C²) where each participant is in S
/// independently with probability q (Poisson sampling) and C is the L2 bound of each contribution;
/// the noise multiplier is σ (noise standard deviation over C); adjacent datasets differ by adding
/// or removing one participant. Integer orders use the exact binomial expansion, fractional orders
/// the series of Mironov, Talwar and Zhang, both in log space (stable for small q and large α);
/// q = 1 gives the Gaussian mechanism's α/(2σ²).
/// </para>
/// <para>
/// The bound is for Poisson sampling. Sampling a fixed number of clients without replacement (the
/// <c>UniformSampler</c> of the round loop) is commonly accounted with q = clients per round / total
/// clients, as McMahan et al. (ICLR 2018) do, but is not covered by this analysis.
/// </para>
/// <para>Not thread-safe.</para>
/// </remarks>
public sealed class RdpAccountant
{
    private static readonly double[] Defaults =
    [
        1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5,
        .. Enumerable.Range(5, 60).Select(i => (double)i),
        80, 96, 128, 256, 512,
    ];

    private readonly double[] _orders;
    private readonly double[] _rdp;
    private double _cachedRate = double.NaN;
    private double _cachedMultiplier = double.NaN;
    private double[]? _cachedStep;

    /// <summary>Creates an accountant with nothing spent.</summary>
    /// <param name="orders">
    /// The Rényi orders α to track (each finite and &gt; 1, no duplicates); null for
    /// <see cref="DefaultOrders"/>. More orders, especially between 1 and 2 and above 64, tighten the
    /// bound for very small or very large budgets.
    /// </param>
    /// <exception cref="ArgumentException">An order is not finite and above 1, appears twice, or the list is empty.</exception>
    public RdpAccountant(IEnumerable<double>? orders = null)
    {
        _orders = orders is null ? (double[])Defaults.Clone() : [.. orders];
        if (_orders.Length == 0)
        {
            throw new ArgumentException("the accountant needs at least one Rényi order", nameof(orders));
        }

        foreach (var a in _orders)
        {
            if (!(a > 1) || double.IsInfinity(a))
            {
                throw new ArgumentException($"Rényi order {a} is not allowed; expected finite orders above 1", nameof(orders));
            }
        }

        Array.Sort(_orders);
        for (var i = 1; i < _orders.Length; i++)
        {
            if (_orders[i] == _orders[i - 1])
            {
                throw new ArgumentException($"Rényi order {_orders[i]} appears twice", nameof(orders));
            }
        }

        _rdp = new double[_orders.Length];
    }

    private RdpAccountant(RdpAccountant other)
    {
        _orders = other._orders;
        _rdp = (double[])other._rdp.Clone();
        Steps = other.Steps;
        _cachedRate = other._cachedRate;
        _cachedMultiplier = other._cachedMultiplier;
        _cachedStep = other._cachedStep;
    }

    /// <summary>
    /// The default orders: 1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5, every integer from 5 to 64,
    /// then 80, 96, 128, 256 and 512. They cover the ε from about 0.1 to a few hundred that training
    /// runs report; the fractional ones matter for large ε, the large ones for small ε.
    /// </summary>
    public static IReadOnlyList<double> DefaultOrders { get; } = Array.AsReadOnly(Defaults);

    /// <summary>The tracked orders α, ascending.</summary>
    public IReadOnlyList<double> Orders => Array.AsReadOnly(_orders);

    /// <summary>The total RDP spent at each order of <see cref="Orders"/> (a copy).</summary>
    public IReadOnlyList<double> Rdp => Array.AsReadOnly((double[])_rdp.Clone());

    /// <summary>The number of mechanism steps composed so far.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// The RDP at order α of one step of the sampled Gaussian mechanism with sampling rate q and noise
    /// multiplier σ: 0 when q = 0, +∞ when σ = 0 &lt; q, α/(2σ²) when q = 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">q is not in [0, 1], σ is negative or not finite, or α is not finite and above 1.</exception>
    public static double SampledGaussianRdp(double samplingRate, double noiseMultiplier, double order)
    {
        CheckStep(samplingRate, noiseMultiplier);
        if (!(order > 1) || double.IsInfinity(order))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "the Rényi order must be finite and above 1");
        }

        return DifferentialPrivacy.SampledGaussianRdp.Compute(samplingRate, noiseMultiplier, order);
    }

    /// <summary>Composes <paramref name="steps"/> steps of the sampled Gaussian mechanism into the total.</summary>
    /// <param name="samplingRate">q ∈ [0, 1], the probability that a participant is in a step's sample.</param>
    /// <param name="noiseMultiplier">σ ≥ 0, the noise standard deviation over the L2 clipping bound.</param>
    /// <param name="steps">How many identical steps (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public void AddSampledGaussian(double samplingRate, double noiseMultiplier, long steps = 1)
    {
        CheckStep(samplingRate, noiseMultiplier);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (steps == 0)
        {
            return;
        }

        var step = StepRdp(samplingRate, noiseMultiplier);
        for (var i = 0; i < _rdp.Length; i++)
        {
            _rdp[i] += steps * step[i];
        }

        Steps += steps;
    }

    /// <summary>
    /// The smallest ε over the tracked orders such that everything composed so far is (ε, δ)-DP, and
    /// the order that gave it. Nothing spent (every RDP exactly 0: the outputs do not depend on the
    /// data) gives ε = 0.
    /// </summary>
    /// <param name="delta">δ ∈ (0, 1).</param>
    /// <param name="conversion">The RDP-to-DP conversion; <see cref="RdpConversion.Classic"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">δ is not in (0, 1).</exception>
    public PrivacySpent GetEpsilon(double delta, RdpConversion conversion = RdpConversion.Classic)
    {
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1)");
        }

        if (Array.TrueForAll(_rdp, r => r == 0))
        {
            return new PrivacySpent(0, delta, double.NaN);
        }

        var logDelta = Math.Log(delta);
        var best = double.PositiveInfinity;
        var bestOrder = double.NaN;
        for (var i = 0; i < _orders.Length; i++)
        {
            var a = _orders[i];
            var eps = conversion switch
            {
                RdpConversion.Classic => _rdp[i] - (logDelta / (a - 1)),
                RdpConversion.Improved => _rdp[i] + Math.Log((a - 1) / a) - ((logDelta + Math.Log(a)) / (a - 1)),
                _ => throw new ArgumentOutOfRangeException(nameof(conversion), conversion, "unknown RDP conversion"),
            };
            if (eps < best)
            {
                best = eps;
                bestOrder = a;
            }
        }

        return new PrivacySpent(Math.Max(best, 0), delta, bestOrder);
    }

    /// <summary>
    /// The smallest δ over the tracked orders such that everything composed so far is (ε, δ)-DP by
    /// the classic conversion, δ = min_α e^((α−1)(RDP(α) − ε)), capped at 1.
    /// </summary>
    /// <param name="epsilon">ε ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">ε is negative or not finite.</exception>
    public PrivacySpent GetDelta(double epsilon)
    {
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be non-negative and finite");
        }

        if (Array.TrueForAll(_rdp, r => r == 0))
        {
            return new PrivacySpent(epsilon, 0, double.NaN);
        }

        var bestLog = double.PositiveInfinity;
        var bestOrder = double.NaN;
        for (var i = 0; i < _orders.Length; i++)
        {
            var logDelta = (_orders[i] - 1) * (_rdp[i] - epsilon);
            if (logDelta < bestLog)
            {
                bestLog = logDelta;
                bestOrder = _orders[i];
            }
        }

        return new PrivacySpent(epsilon, Math.Min(1, Math.Exp(bestLog)), bestOrder);
    }

    /// <summary>An independent copy with the same orders and spending, e.g. to ask what more steps would cost.</summary>
    public RdpAccountant Clone() => new(this);

    private double[] StepRdp(double q, double sigma)
    {
        // A round loop adds the same (q, σ) every round; compute its curve once.
        if (_cachedStep is null || q != _cachedRate || sigma != _cachedMultiplier)
        {
            var step = new double[_orders.Length];
            for (var i = 0; i < step.Length; i++)
            {
                step[i] = DifferentialPrivacy.SampledGaussianRdp.Compute(q, sigma, _orders[i]);
            }

            _cachedStep = step;
            _cachedRate = q;
            _cachedMultiplier = sigma;
        }

        return _cachedStep;
    }

    private static void CheckStep(double samplingRate, double noiseMultiplier)
    {
        if (!(samplingRate >= 0 && samplingRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate, "the sampling rate q must be in [0, 1]");
        }

        if (!(noiseMultiplier >= 0) || double.IsInfinity(noiseMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseMultiplier), noiseMultiplier, "the noise multiplier must be non-negative and finite");
        }
    }
}
