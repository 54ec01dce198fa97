using FedShield.Federation.Rounds;

namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// Stops training before the privacy budget would be exceeded: after each round it asks whether
/// one more round would take the spent ε (by the <see cref="PrivacyAccountingMetric"/>'s
/// accountant, at its δ) above the budget, and stops now if so. The guarantee of the finished
/// model therefore never exceeds the budget (ε ≤ budget at the metric's δ); the last round that
/// fits is run, the first that would not fit is not.
/// </summary>
/// <remarks>
/// The round loop asks its stopping rule only after a round, so the constructor rejects a budget
/// that even one round exceeds. A round that turns out to be skipped would not have spent anything,
/// so stopping early is conservative in that case.
/// </remarks>
public sealed class PrivacyBudget : IStoppingRule
{
    private readonly PrivacyAccountingMetric _metric;

    /// <summary>Creates the rule.</summary>
    /// <param name="metric">The accounting metric registered with the same orchestrator.</param>
    /// <param name="epsilonBudget">The most ε the run may spend (positive, finite).</param>
    /// <exception cref="ArgumentOutOfRangeException">The budget is not positive and finite, or one round alone exceeds it.</exception>
    public PrivacyBudget(PrivacyAccountingMetric metric, double epsilonBudget)
    {
        _metric = metric ?? throw new ArgumentNullException(nameof(metric));
        if (!(epsilonBudget > 0) || double.IsInfinity(epsilonBudget))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilonBudget), epsilonBudget, "the privacy budget epsilon must be positive and finite");
        }

        var next = metric.SpentAfter(1);
        if (next.Epsilon > epsilonBudget)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilonBudget), epsilonBudget, $"{(metric.Accountant.Steps == 0 ? "a single round" : "the next round")} already spends epsilon = {next.Epsilon:G6} at delta = {next.Delta:G3}, more than the budget; raise the budget or the noise multiplier, or lower the sampling rate");
        }

        EpsilonBudget = epsilonBudget;
    }

    /// <summary>The most ε the run may spend.</summary>
    public double EpsilonBudget { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The metric did not measure this round (it is not registered with the orchestrator).</exception>
    public string? ShouldStop(RoundRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        // A round whose sampling failed ends before the round metrics run.
        if (_metric.LastRound != record.Round && record.Selected.Count > 0)
        {
            throw new InvalidOperationException($"the privacy accounting metric last measured round {_metric.LastRound}, not round {record.Round}: register it with the orchestrator's round metrics");
        }

        var next = _metric.SpentAfter(1);
        if (next.Epsilon <= EpsilonBudget)
        {
            return null;
        }

        var spent = _metric.Spent;
        return $"privacy budget: epsilon = {spent.Epsilon:G6} spent at delta = {spent.Delta:G3} after {_metric.Accountant.Steps} noisy rounds; one more round would reach {next.Epsilon:G6}, over the budget of {EpsilonBudget:G6}";
    }
}
