using FedShield.Federation.Messages;
using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// An honest client as an omniscient attacker sees it: it behaves exactly as the honest client,
/// but its fit of a round runs through the <see cref="Coalition"/>'s memo, so that the transport's
/// call and the colluders' reading of its update share one training run. Created by
/// <see cref="AttackDeployment.Deploy"/>; the honest client itself knows nothing of it.
/// </summary>
public sealed class ObservedClient : IFederatedClient, ICheckpointable
{
    private readonly Coalition _coalition;

    /// <summary>Wraps <paramref name="honest"/> and registers it with <paramref name="coalition"/>.</summary>
    /// <exception cref="ArgumentException">The client is a member of the coalition, or another client with its id is registered.</exception>
    public ObservedClient(IFederatedClient honest, Coalition coalition)
    {
        ArgumentNullException.ThrowIfNull(honest);
        ArgumentNullException.ThrowIfNull(coalition);
        coalition.Observe(honest);
        Honest = honest;
        _coalition = coalition;
    }

    /// <summary>The observed honest client.</summary>
    public IFederatedClient Honest { get; }

    /// <inheritdoc />
    public int Id => Honest.Id;

    /// <summary>
    /// The honest client's reply, computed once per round through the coalition (see
    /// <see cref="Coalition.HonestUpdateAsync"/>); an instruction addressed to another client goes
    /// straight to the honest client, which rejects it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The instruction's seed does not match the coalition's run seed.</exception>
    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return instruction.ClientId == Id ? _coalition.HonestUpdateAsync(instruction, cancellationToken) : Honest.FitAsync(instruction, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        Honest.EvaluateAsync(instruction, cancellationToken);

    /// <summary>The honest client's state (an empty bag when it keeps none).</summary>
    public StateBag ExportState() => ClientState.Export(Honest);

    /// <summary>Restores the honest client's state.</summary>
    /// <exception cref="ArgumentException">The state does not fit the honest client.</exception>
    public void ImportState(StateBag state) => ClientState.Import(Honest, state);
}
