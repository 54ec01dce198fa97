namespace FedShield.Transport.Http.Edge;

/// <summary>How an edge aggregator runs its local rounds.</summary>
/// <param name="RoundTimeout">How long the edge waits for its devices in one local round.</param>
/// <param name="MinReplies">Devices that must answer for the edge to send an aggregate upstream.</param>
public sealed record EdgeOptions(TimeSpan RoundTimeout, int MinReplies = 1)
{
    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive timeout or fewer than one reply required.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RoundTimeout, TimeSpan.Zero, nameof(RoundTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinReplies, 1, nameof(MinReplies));
    }
}
