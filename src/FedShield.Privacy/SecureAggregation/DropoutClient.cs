using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// A protocol client that drops out: at the (round, stage) pairs its predicate chooses it answers a
/// <see cref="ClientFailure"/> of kind <see cref="FailureKind.Unavailable"/> instead of passing the
/// message on, as a device that went offline would. When the wrapped client is a
/// <see cref="SecureAggregationClient"/> its round state is abandoned (and zeroed) at that moment.
/// Plain fit and evaluate instructions pass through. Used by tests, experiments and benchmarks.
/// </summary>
public sealed class DropoutClient : IProtocolParticipant
{
    private readonly IProtocolParticipant _inner;
    private readonly Func<int, int, bool> _dropsAt;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The client that answers when it does not drop.</param>
    /// <param name="dropsAt">Given (round, stage), whether the client drops out there.</param>
    public DropoutClient(IProtocolParticipant inner, Func<int, int, bool> dropsAt)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _dropsAt = dropsAt ?? throw new ArgumentNullException(nameof(dropsAt));
    }

    /// <inheritdoc/>
    public int Id => _inner.Id;

    /// <summary>The wrapped client.</summary>
    public IProtocolParticipant Inner => _inner;

    /// <summary>A client that drops out at <paramref name="stage"/> of every round.</summary>
    public static DropoutClient AtStage(IProtocolParticipant inner, SecureAggregationStage stage) =>
        new(inner, (_, s) => s == (int)stage);

    /// <inheritdoc/>
    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken) =>
        _inner.FitAsync(instruction, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        _inner.EvaluateAsync(instruction, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ClientReply> HandleAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_dropsAt(message.Round, message.Stage))
        {
            return _inner.HandleAsync(message, cancellationToken);
        }

        (_inner as SecureAggregationClient)?.AbandonRound();
        return ValueTask.FromResult<ClientReply>(new ClientFailure(Id, message.Round, FailureKind.Unavailable, $"client {Id} dropped out at stage {message.Stage} of round {message.Round}"));
    }
}
