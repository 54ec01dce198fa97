using FedShield.Federation.Strategies;

namespace FedShield.Federation.Protocols;

/// <summary>
/// How a round's updates reach the aggregate when clients must not hand them over in the clear:
/// secure aggregation, NISS. The protocol runs the round's training and collection as a sequence of
/// <see cref="Messages.ProtocolMessage"/> exchanges through the transport and returns the
/// aggregate; the orchestrator then checks it and steps the server optimizer as for a plain round.
/// </summary>
public interface IAggregationProtocol
{
    /// <summary>A short name for reports ("secagg", "secagg+", "niss").</summary>
    string Name { get; }

    /// <summary>
    /// Why <paramref name="aggregator"/> cannot be computed by this protocol (it needs the individual
    /// updates the protocol hides), or null when it can.
    /// </summary>
    string? Incompatibility(IAggregator aggregator);

    /// <summary>Runs the round's exchanges and aggregates what they reveal.</summary>
    /// <param name="round">The round's clients, instructions, transport and rules.</param>
    /// <param name="cancellationToken">Stops the round; the global model is left as it was.</param>
    Task<ProtocolOutcome> RunAsync(ProtocolRound round, CancellationToken cancellationToken);
}
