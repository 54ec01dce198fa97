namespace FedShield.Federation.Metrics;

/// <summary>The global model scored on a test set.</summary>
/// <param name="SampleCount">Samples scored.</param>
/// <param name="Loss">Mean loss ("test error" in the FFL paper).</param>
/// <param name="Accuracy">Fraction classified correctly, in [0, 1].</param>
/// <param name="PerClassAccuracy">Accuracy on the samples of each class (NaN for a class with no samples).</param>
/// <param name="Metrics">Further measurements (attack success rate, backdoor accuracy, ...).</param>
public sealed record EvaluationResult(long SampleCount, double Loss, double Accuracy, IReadOnlyList<double> PerClassAccuracy, MetricSet Metrics);
