using FedShield.Federation.Messages;

namespace FedShield.Federation.Strategies;

/// <summary>
/// Combines a round's update deltas into one. Aggregators are pure functions of their input: no
/// I/O, no clock, no hidden randomness, and the result does not depend on the order of the updates
/// beyond floating-point rounding (they arrive sorted by client id).
/// </summary>
public interface IAggregator
{
    /// <summary>A short name for reports ("mean", "median", "krum", ...).</summary>
    string Name { get; }

    /// <summary>Aggregates <paramref name="updates"/> (all deltas of the same length, at least one).</summary>
    /// <exception cref="InvalidOperationException">The aggregator's assumptions do not hold (too few updates, ...); the message says which.</exception>
    AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates);
}
