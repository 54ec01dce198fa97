using FedShield.Federation.State;

namespace FedShield.Federation.Strategies;

/// <summary>
/// Applies the aggregated delta to the global model (Reddi et al., "Adaptive Federated
/// Optimization", ICLR 2021: the negated delta is a pseudo-gradient). Server SGD with learning rate
/// 1 and no momentum is FedAvg.
/// </summary>
public interface IServerOptimizer
{
    /// <summary>A short name for reports.</summary>
    string Name { get; }

    /// <summary>Updates <paramref name="weights"/> in place from <paramref name="delta"/> (same length).</summary>
    void Apply(Span<float> weights, ReadOnlySpan<float> delta);

    /// <summary>The optimizer's state (moments, step count) for a checkpoint.</summary>
    StateBag ExportState();

    /// <summary>Restores a state written by <see cref="ExportState"/>.</summary>
    void ImportState(StateBag state);
}
