using FedShield.Data;
using FedShield.Federation.Metrics;
using FedShield.Federation.Rounds;
using FedShield.Learning;

namespace FedShield.Experiments.Adversarial;

/// <summary>
/// The global model's accuracy on a fixed, relabelled subset of the test set, on evaluation rounds:
/// with the source-class samples relabelled to the attacker's target it is the attack success rate;
/// with triggered samples relabelled to the backdoor's target it is the backdoor accuracy.
/// </summary>
public sealed class SubsetAccuracyMetric : IRoundMetric
{
    private readonly string _name;
    private readonly ModelEvaluator _evaluator;

    /// <summary>Scores the model on <paramref name="subset"/> (labels as the metric should count them) and reports it as <paramref name="name"/>.</summary>
    public SubsetAccuracyMetric(string name, Dataset subset, ModelPool pool, int batchSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(subset);
        if (subset.Count == 0)
        {
            throw new ArgumentException($"metric '{name}' has no test samples to score", nameof(subset));
        }

        _name = name;
        SampleCount = subset.Count;
        _evaluator = new ModelEvaluator(subset, pool, batchSize);
    }

    /// <summary>How many test samples the metric scores.</summary>
    public int SampleCount { get; }

    /// <inheritdoc />
    public MetricSet Measure(RoundContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Evaluation is null)
        {
            return MetricSet.Empty;
        }

        var result = _evaluator.Evaluate(context.Weights, CancellationToken.None);
        return MetricSet.Of(new Metric(_name, result.Accuracy));
    }
}
