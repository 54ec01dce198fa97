namespace FedShield.Federation.Strategies;

/// <summary>Chooses the clients of a round.</summary>
public interface IClientSampler
{
    /// <summary>
    /// The clients to train this round, a subset of <paramref name="available"/> in ascending id order.
    /// </summary>
    /// <param name="available">Reachable clients, ascending.</param>
    /// <param name="round">The round (1-based).</param>
    /// <param name="random">The round's sampling stream (derived from the run seed and the round).</param>
    /// <exception cref="InvalidOperationException">Too few clients are available to sample from.</exception>
    IReadOnlyList<int> Sample(IReadOnlyList<int> available, int round, Random random);
}
