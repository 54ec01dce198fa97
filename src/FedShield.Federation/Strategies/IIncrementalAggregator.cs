using FedShield.Federation.Messages;

namespace FedShield.Federation.Strategies;

/// <summary>
/// An aggregator that can fold updates one at a time, so the server holds one running sum instead
/// of every update of the round. Folding in ascending client order gives exactly the result of
/// <see cref="IAggregator.Aggregate"/> on the same updates.
/// </summary>
public interface IIncrementalAggregator : IAggregator
{
    /// <summary>Starts a fold for deltas of <paramref name="length"/> elements.</summary>
    IUpdateAccumulator Begin(int length);
}

/// <summary>A running aggregation.</summary>
public interface IUpdateAccumulator
{
    /// <summary>Folds one update in; its array may be reused by the caller afterwards.</summary>
    void Add(ClientUpdate update);

    /// <summary>The aggregate of everything added (at least one update).</summary>
    AggregationResult Complete();
}
