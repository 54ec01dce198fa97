using FedShield.Federation;

namespace FedShield.Attacks;

/// <summary>Which clients of a federation an attacker controls.</summary>
public static class MaliciousClients
{
    /// <summary>
    /// The seed-stream client tag of <see cref="Choose"/>: ids are non-negative, so no client's own
    /// attack stream (<see cref="SeedStreams.Derive"/> with its id) coincides with this one.
    /// </summary>
    private const int ChoiceStream = -1;

    /// <summary>
    /// The number of malicious clients for a fraction of a federation: <c>clientCount · fraction</c>
    /// rounded to the nearest integer, halves away from zero (10 clients at 25 % gives 3).
    /// </summary>
    /// <param name="clientCount">The number of clients (≥ 0).</param>
    /// <param name="fraction">The malicious fraction, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or the fraction is not a number in [0, 1].</exception>
    public static int CountFor(int clientCount, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clientCount);
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"the malicious fraction must lie in [0, 1]; got {fraction}");
        }

        return (int)Math.Round(clientCount * fraction, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// <paramref name="count"/> distinct ids drawn uniformly from <paramref name="clientIds"/>, a pure
    /// function of the run seed (the stream <see cref="SeedStreams.Attack"/>) and the set of ids
    /// (their order does not matter), returned in ascending order.
    /// </summary>
    /// <param name="clientIds">The federation's client ids (distinct).</param>
    /// <param name="count">How many to choose, in [0, clientIds.Count].</param>
    /// <param name="runSeed">The run's root seed.</param>
    /// <exception cref="ArgumentException">An id appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or larger than the number of ids.</exception>
    public static IReadOnlyList<int> Choose(IReadOnlyList<int> clientIds, int count, long runSeed)
    {
        ArgumentNullException.ThrowIfNull(clientIds);
        if (count < 0 || count > clientIds.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"cannot choose {count} malicious clients among {clientIds.Count}");
        }

        var ids = clientIds.ToArray();
        Array.Sort(ids);
        for (int i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                throw new ArgumentException($"client id {ids[i]} appears twice", nameof(clientIds));
            }
        }

        // A partial Fisher–Yates shuffle: the first `count` slots end up a uniform sample.
        var random = SeedStreams.Create(runSeed, SeedStreams.Attack, ChoiceStream);
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, ids.Length);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }

        var chosen = ids[..count];
        Array.Sort(chosen);
        return chosen;
    }
}
