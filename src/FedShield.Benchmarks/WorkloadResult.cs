namespace FedShield.Benchmarks;

/// <summary>One workload's measured figures.</summary>
/// <param name="Name">Workload name, e.g. <c>mnist-cnn</c>.</param>
/// <param name="FedShieldSamplesPerSecond">Training samples per second on one thread.</param>
/// <param name="PyTorchSamplesPerSecond">The PyTorch reference's samples per second, or null when it did not run.</param>
/// <param name="AllocatedBytesPerStep">Managed-heap bytes allocated per training step in steady state.</param>
/// <param name="Steps">Timed training steps.</param>
/// <param name="Seconds">Timed wall-clock seconds.</param>
/// <param name="FinalLoss">Mean loss over the last timed epoch (a sanity figure: training is real).</param>
public sealed record WorkloadResult(
    string Name,
    double FedShieldSamplesPerSecond,
    double? PyTorchSamplesPerSecond,
    long AllocatedBytesPerStep,
    int Steps,
    double Seconds,
    double FinalLoss)
{
    /// <summary>FedShield's throughput over PyTorch's, or null without a reference.</summary>
    public double? Ratio => PyTorchSamplesPerSecond is > 0 ? FedShieldSamplesPerSecond / PyTorchSamplesPerSecond : null;
}
