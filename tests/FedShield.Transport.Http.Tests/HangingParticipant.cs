using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Transport.Http.Tests;

/// <summary>A device that goes silent at some stage of a round protocol: it never answers, as when its link dies.</summary>
internal sealed class HangingParticipant(IProtocolParticipant inner, Func<int, bool> silentAt) : IProtocolParticipant
{
    public int Id => inner.Id;

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken) => inner.FitAsync(instruction, cancellationToken);

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) => inner.EvaluateAsync(instruction, cancellationToken);

    public async ValueTask<ClientReply> HandleAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        if (silentAt(message.Stage))
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return await inner.HandleAsync(message, cancellationToken);
    }
}
