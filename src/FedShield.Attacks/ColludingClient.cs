using FedShield.Federation.Messages;
using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// The common shape of a malicious client that crafts its update from the honest updates its
/// coalition knows: it takes its own honest update from the coalition (one training run per round,
/// shared with the colluders), then the known honest deltas, and hands them to <see cref="Craft"/>.
/// Failures of its own honest run pass through; evaluation and checkpoint state go to the honest client.
/// </summary>
internal abstract class ColludingClient : IFederatedClient, ICheckpointable
{
    private readonly IFederatedClient _honest;

    /// <summary>Wraps <paramref name="honest"/> and enlists it with <paramref name="coalition"/>.</summary>
    /// <exception cref="ArgumentException">The client is not a member of the coalition.</exception>
    protected ColludingClient(IFederatedClient honest, Coalition coalition, bool omniscient)
    {
        ArgumentNullException.ThrowIfNull(honest);
        ArgumentNullException.ThrowIfNull(coalition);
        coalition.Enlist(honest);
        _honest = honest;
        Coalition = coalition;
        Omniscient = omniscient;
    }

    public int Id => _honest.Id;

    protected Coalition Coalition { get; }

    protected bool Omniscient { get; }

    public async ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        if (instruction.ClientId != Id)
        {
            // Not this client's instruction: the honest client rejects it.
            return await _honest.FitAsync(instruction, cancellationToken).ConfigureAwait(false);
        }

        var own = await Coalition.HonestUpdateAsync(instruction, cancellationToken).ConfigureAwait(false);
        if (own is not ClientUpdate update)
        {
            return own;
        }

        if (update.Values is null || update.Values.Length != instruction.Weights.Length)
        {
            return Deltas.WrongLength(update, instruction);
        }

        var known = await Coalition.HonestDeltasAsync(instruction, Omniscient, cancellationToken).ConfigureAwait(false);
        if (known.Count == 0)
        {
            return new ClientFailure(Id, instruction.Round, FailureKind.Error, "no usable honest update is known this round to craft the poisoned update from");
        }

        return Craft(update, known, instruction);
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        _honest.EvaluateAsync(instruction, cancellationToken);

    public StateBag ExportState() => ClientState.Export(_honest);

    public void ImportState(StateBag state) => ClientState.Import(_honest, state);

    /// <summary>The poisoned reply, from the client's own honest update (its values are the caller's to reuse) and the known honest deltas (shared: read only).</summary>
    protected abstract ClientReply Craft(ClientUpdate ownUpdate, IReadOnlyList<ReadOnlyMemory<float>> known, FitInstruction instruction);
}
