using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;

namespace FedShield.Federation.Protocols;

/// <summary>What an <see cref="IAggregationProtocol"/> is given for one round.</summary>
/// <param name="Round">The round (1-based).</param>
/// <param name="Selected">The sampled clients, in ascending id order.</param>
/// <param name="Instructions">Each selected client's training instruction (same order as <paramref name="Selected"/>); they share one read-only copy of the global weights.</param>
/// <param name="Transport">How clients are reached.</param>
/// <param name="Timeout">How long a client may take over each exchange.</param>
/// <param name="RequiredReplies">The fewest clients whose update must count for the round to apply.</param>
/// <param name="Aggregator">The strategy's aggregator (one the protocol reported compatible).</param>
/// <param name="Observer">Progress callbacks; null for none.</param>
/// <param name="Time">The clock for timings.</param>
public sealed record ProtocolRound(
    int Round,
    IReadOnlyList<int> Selected,
    IReadOnlyList<FitInstruction> Instructions,
    ITransport Transport,
    TimeSpan Timeout,
    int RequiredReplies,
    IAggregator Aggregator,
    IFederationObserver? Observer,
    TimeProvider Time);
