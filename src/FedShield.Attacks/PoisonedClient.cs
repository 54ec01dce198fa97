using FedShield.Federation.Messages;
using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// The common shape of a malicious client that poisons its own update: it lets
/// <paramref name="trainer"/> (the honest client, or the honest client over poisoned data) fit,
/// turns a weights update into a delta from the instruction's weights, and hands the delta to
/// <see cref="Poison"/>. Failures pass through unchanged; evaluation and checkpoint state go to the
/// clients inside.
/// </summary>
/// <param name="honest">The honest client: evaluates, and gives the id.</param>
/// <param name="trainer">The client that fits (the honest client itself for pure model poisoning).</param>
internal abstract class PoisonedClient(IFederatedClient honest, IFederatedClient trainer) : IFederatedClient, ICheckpointable
{
    public int Id => honest.Id;

    public async ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        if (Refuse(instruction) is { } refusal)
        {
            return refusal;
        }

        var reply = await trainer.FitAsync(instruction, cancellationToken).ConfigureAwait(false);
        if (reply is not ClientUpdate update)
        {
            return reply;
        }

        if (Deltas.InPlace(update, instruction.Weights.Span) is not { } delta)
        {
            return Deltas.WrongLength(update, instruction);
        }

        return Poison(update, delta, instruction);
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        honest.EvaluateAsync(instruction, cancellationToken);

    public StateBag ExportState() => ClientState.Export(trainer);

    public void ImportState(StateBag state) => ClientState.Import(trainer, state);

    /// <summary>A failure to return without training (a misconfigured attack), or null to go on.</summary>
    protected virtual ClientFailure? Refuse(FitInstruction instruction) => null;

    /// <summary>The poisoned reply, from the honest update and its delta (which this method may change in place).</summary>
    protected abstract ClientReply Poison(ClientUpdate honestUpdate, float[] delta, FitInstruction instruction);
}
