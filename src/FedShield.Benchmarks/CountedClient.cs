using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Benchmarks;

/// <summary>
/// Passes every call through to a client and tells the probe when a fit reply is ready, so the
/// probe can count the updates that exist but are not folded yet (in the transport's queue or the
/// orchestrator's reorder buffer). Costs one interlocked increment per fit.
/// </summary>
internal sealed class CountedClient(IFederatedClient inner, RoundProbe probe) : IFederatedClient
{
    public int Id => inner.Id;

    public async ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        var reply = await inner.FitAsync(instruction, cancellationToken).ConfigureAwait(false);
        probe.ReplyProduced();
        return reply;
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        inner.EvaluateAsync(instruction, cancellationToken);
}
