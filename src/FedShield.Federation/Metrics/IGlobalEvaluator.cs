namespace FedShield.Federation.Metrics;

/// <summary>
/// Scores global weights on the server's test data. The learning layer implements it for a model
/// and a data set; the core only hands it a weight vector.
/// </summary>
public interface IGlobalEvaluator
{
    /// <summary>Scores <paramref name="weights"/> (one element per model parameter).</summary>
    EvaluationResult Evaluate(ReadOnlyMemory<float> weights, CancellationToken cancellationToken);
}
