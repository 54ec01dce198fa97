using FedShield.Federation.State;

namespace FedShield.Federation.Strategies;

/// <summary>
/// FedAdagrad, FedAdam and FedYogi (Reddi et al., "Adaptive Federated Optimization", ICLR 2021,
/// Algorithm 2): m ← β₁·m + (1 − β₁)·Δ; v by <see cref="AdaptiveKind"/>; w ← w + η·m / (√v + τ).
/// As in the paper there is no bias correction and v starts at τ². Per-element arithmetic is in
/// double precision, so results are independent of vector width.
/// </summary>
public sealed class ServerAdaptive : IServerOptimizer
{
    private float[]? _m;
    private float[]? _v;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="kind">Adagrad, Adam or Yogi.</param>
    /// <param name="learningRate">η &gt; 0 (the paper tunes it; 0.01 is a common start).</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1) (unused by Adagrad).</param>
    /// <param name="tau">τ &gt; 0, the adaptivity (1e-3 in the paper's defaults).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public ServerAdaptive(AdaptiveKind kind, double learningRate = 0.01, double beta1 = 0.9, double beta2 = 0.99, double tau = 1e-3)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "the server learning rate must be positive and finite");
        }

        if (!(beta1 >= 0 && beta1 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1)");
        }

        if (!(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1)");
        }

        if (!(tau > 0) || double.IsInfinity(tau))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be positive and finite");
        }

        Kind = kind;
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Tau = tau;
    }

    /// <summary>The second-moment rule.</summary>
    public AdaptiveKind Kind { get; }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>τ.</summary>
    public double Tau { get; }

    /// <inheritdoc/>
    public string Name => $"{Kind.ToString().ToLowerInvariant()}(lr={LearningRate}, beta1={Beta1}, beta2={Beta2}, tau={Tau})";

    /// <inheritdoc/>
    public void Apply(Span<float> weights, ReadOnlySpan<float> delta)
    {
        ServerOptimizerChecks.SameLength(weights, delta);
        if (_m is null || _v is null)
        {
            _m = new float[weights.Length];
            _v = new float[weights.Length];
            Array.Fill(_v, (float)(Tau * Tau));
        }

        ServerOptimizerChecks.SameLength(_m, delta);
        for (var i = 0; i < weights.Length; i++)
        {
            double d = delta[i];
            var m = Beta1 * _m[i] + (1 - Beta1) * d;
            double v = _v[i];
            var d2 = d * d;
            v = Kind switch
            {
                AdaptiveKind.Adagrad => v + d2,
                AdaptiveKind.Adam => Beta2 * v + (1 - Beta2) * d2,
                _ => v - (1 - Beta2) * d2 * Math.Sign(v - d2),
            };
            _m[i] = (float)m;
            _v[i] = (float)v;
            weights[i] = (float)(weights[i] + LearningRate * m / (Math.Sqrt(Math.Max(v, 0)) + Tau));
        }
    }

    /// <inheritdoc/>
    public StateBag ExportState()
    {
        var bag = new StateBag();
        if (_m is not null && _v is not null)
        {
            bag.SetArray("m", _m);
            bag.SetArray("v", _v);
        }

        return bag;
    }

    /// <inheritdoc/>
    public void ImportState(StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.TryGetArray("m", out var m) && state.TryGetArray("v", out var v))
        {
            _m = (float[])m.Clone();
            _v = (float[])v.Clone();
        }
        else
        {
            _m = null;
            _v = null;
        }
    }
}
