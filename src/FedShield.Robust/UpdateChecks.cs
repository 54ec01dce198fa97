using FedShield.Federation.Messages;

namespace FedShield.Robust;

/// <summary>Boundary checks shared by the aggregators of this project.</summary>
internal static class UpdateChecks
{
    /// <summary>
    /// Checks a round's updates and returns them in ascending client-id order, so that an aggregator
    /// that sums in this order gives bit-identical results whatever order it was handed.
    /// </summary>
    /// <param name="updates">The round's updates.</param>
    /// <param name="aggregator">The aggregator's name, for messages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="updates"/> or one of its elements is null.</exception>
    /// <exception cref="InvalidOperationException">There are no updates.</exception>
    /// <exception cref="ArgumentException">
    /// An update has a different length from the first, a non-positive sample count or a non-finite
    /// value, or a client appears twice.
    /// </exception>
    public static ClientUpdate[] InClientOrder(IReadOnlyList<ClientUpdate> updates, string aggregator)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            throw new InvalidOperationException($"{aggregator} needs at least one update");
        }

        var sorted = new ClientUpdate[updates.Count];
        var ordered = true;
        for (var k = 0; k < sorted.Length; k++)
        {
            var u = updates[k] ?? throw new ArgumentNullException(nameof(updates), $"update {k} of the round is null");
            sorted[k] = u;
            ordered &= k == 0 || sorted[k - 1].ClientId <= u.ClientId;
        }

        if (!ordered)
        {
            Array.Sort(sorted, static (a, b) => a.ClientId.CompareTo(b.ClientId));
        }

        var length = sorted[0].Values.Length;
        for (var k = 0; k < sorted.Length; k++)
        {
            var u = sorted[k];
            if (k > 0 && sorted[k - 1].ClientId == u.ClientId)
            {
                throw new ArgumentException($"client {u.ClientId} sent two updates in one round; {aggregator} expects one per client", nameof(updates));
            }

            if (u.Values.Length != length)
            {
                throw new ArgumentException($"update of client {u.ClientId} has {u.Values.Length} values, expected {length} like client {sorted[0].ClientId}", nameof(updates));
            }

            if (u.SampleCount <= 0)
            {
                throw new ArgumentException($"update of client {u.ClientId} has sample count {u.SampleCount}; expected a positive count", nameof(updates));
            }

            var bad = IndexOfNonFinite(u.Values);
            if (bad >= 0)
            {
                throw new ArgumentException($"update of client {u.ClientId} has a non-finite value ({u.Values[bad]}) at index {bad}", nameof(updates));
            }
        }

        return sorted;
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
