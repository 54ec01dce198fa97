namespace FedShield.Federation.State;

/// <summary>A component whose state a checkpoint must hold for a resumed run to continue bit for bit.</summary>
public interface ICheckpointable
{
    /// <summary>The component's state.</summary>
    StateBag ExportState();

    /// <summary>Restores a state written by <see cref="ExportState"/>.</summary>
    /// <exception cref="ArgumentException">The state does not fit this component (wrong sizes, missing entries).</exception>
    void ImportState(StateBag state);
}
