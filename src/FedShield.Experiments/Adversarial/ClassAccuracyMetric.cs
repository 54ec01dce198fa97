using FedShield.Federation.Metrics;
using FedShield.Federation.Rounds;

namespace FedShield.Experiments.Adversarial;

/// <summary>The accuracy of one class, read from the round's evaluation (<c>src_acc</c>).</summary>
public sealed class ClassAccuracyMetric(string name, int classIndex) : IRoundMetric
{
    /// <inheritdoc />
    public MetricSet Measure(RoundContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Evaluation is { } e && classIndex < e.PerClassAccuracy.Count
            ? MetricSet.Of(new Metric(name, e.PerClassAccuracy[classIndex]))
            : MetricSet.Empty;
    }
}
