using FedShield.Federation.Messages;

namespace FedShield.Federation.Transport;

/// <summary>
/// A participant as the transport sees it: it trains when told to fit and scores when told to
/// evaluate. Implementations return a <see cref="ClientFailure"/> rather than throwing when they
/// cannot do the work; transports also turn exceptions and timeouts into failures.
/// </summary>
public interface IFederatedClient
{
    /// <summary>The client's id, unique within the federation.</summary>
    int Id { get; }

    /// <summary>Trains from the instruction's weights and returns an update (or a failure).</summary>
    /// <param name="instruction">The round's instruction.</param>
    /// <param name="cancellationToken">Cancelled when the round's timeout expires; the client stops early.</param>
    ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken);

    /// <summary>Scores the instruction's weights on the client's validation data.</summary>
    /// <param name="instruction">The round's instruction.</param>
    /// <param name="cancellationToken">Cancelled when the round's timeout expires.</param>
    ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken);
}
