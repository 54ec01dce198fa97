using FedShield.Federation.Metrics;
using FedShield.Federation.Rounds;

namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// The privacy spent so far, reported with every round: each round that produced an aggregate adds
/// one step of the sampled Gaussian mechanism (q and z from the options) to a Rényi DP accountant,
/// and the round's record gets <c>privacy.epsilon</c>, <c>privacy.delta</c>, <c>privacy.order</c>
/// (the Rényi order of the bound; NaN before any step) and <c>privacy.steps</c>.
/// </summary>
/// <remarks>
/// A round counts as soon as an aggregate was computed (<see cref="RoundContext.Aggregation"/> is
/// not null), even if the round loop then refused to apply it: the noisy aggregate existed. A round
/// skipped before aggregating released nothing and spends nothing. Register the same instance with
/// the orchestrator and with <see cref="PrivacyBudget"/>. The accountant's state is not part of the
/// orchestrator's checkpoint: a resumed run starts counting again from zero.
/// </remarks>
public sealed class PrivacyAccountingMetric : IRoundMetric
{
    /// <summary>Creates the metric with nothing spent.</summary>
    /// <param name="options">q, z, δ and the orders.</param>
    public PrivacyAccountingMetric(PrivacyAccountingOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Accountant = new RdpAccountant(options.Orders);
    }

    /// <summary>The accounting settings.</summary>
    public PrivacyAccountingOptions Options { get; }

    /// <summary>The accountant holding the rounds measured so far.</summary>
    public RdpAccountant Accountant { get; }

    /// <summary>The last round measured (0 before any).</summary>
    public int LastRound { get; private set; }

    /// <summary>The (ε, δ) spent by the rounds measured so far.</summary>
    public PrivacySpent Spent => Accountant.GetEpsilon(Options.Delta, Options.Conversion);

    /// <summary>The (ε, δ) that would be spent after <paramref name="additionalRounds"/> more rounds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
    public PrivacySpent SpentAfter(int additionalRounds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(additionalRounds);
        var future = Accountant.Clone();
        future.AddSampledGaussian(Options.SamplingRate, Options.NoiseMultiplier, additionalRounds);
        return future.GetEpsilon(Options.Delta, Options.Conversion);
    }

    /// <inheritdoc/>
    public MetricSet Measure(RoundContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Aggregation is not null)
        {
            Accountant.AddSampledGaussian(Options.SamplingRate, Options.NoiseMultiplier);
        }

        LastRound = context.Round;
        var spent = Spent;
        return MetricSet.Of(
            new Metric("privacy.epsilon", spent.Epsilon),
            new Metric("privacy.delta", spent.Delta),
            new Metric("privacy.order", spent.Order),
            new Metric("privacy.steps", Accountant.Steps));
    }
}
