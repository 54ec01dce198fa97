using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>Checkpoint forwarding for decorators: a decorated client keeps whatever state the client inside keeps.</summary>
internal static class ClientState
{
    public static StateBag Export(IFederatedClient inner) => inner is ICheckpointable c ? c.ExportState() : new StateBag();

    public static void Import(IFederatedClient inner, StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (inner is ICheckpointable c)
        {
            c.ImportState(state);
        }
        else if (state.Arrays.Count > 0 || state.Values.Count > 0)
        {
            throw new ArgumentException($"client {inner.Id} keeps no state across rounds, but the saved state holds some", nameof(state));
        }
    }
}
