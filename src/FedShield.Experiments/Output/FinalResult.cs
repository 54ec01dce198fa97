namespace FedShield.Experiments.Output;

/// <summary>The last evaluation of the global model.</summary>
/// <param name="Round">The round it was measured after.</param>
/// <param name="Accuracy">Test accuracy in [0, 1], or null when not measured.</param>
/// <param name="Loss">Test loss, or null when not measured.</param>
public sealed record FinalResult(int Round, double? Accuracy, double? Loss);
