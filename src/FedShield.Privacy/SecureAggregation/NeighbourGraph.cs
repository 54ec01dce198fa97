namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// The masking graph of a round. SecAgg+ uses a Harary-style circulant graph on a uniformly random
/// permutation of the clients: a client at position r of the permutation is joined to the clients at
/// positions r ± 1, …, r ± k/2 (mod m), so every client has exactly k distinct neighbours (k even,
/// k &lt; m − 1) and the graph is symmetric. With k ≥ m − 1 the graph is complete (plain SecAgg).
/// </summary>
internal static class NeighbourGraph
{
    /// <summary>The neighbours of each of <paramref name="members"/> clients, as ascending member indexes.</summary>
    /// <param name="members">m, the number of clients.</param>
    /// <param name="degree">k: even, or at least m − 1 for the complete graph.</param>
    /// <param name="randomBelow">Uniform integer in [0, bound): the OS generator in production.</param>
    public static int[][] Draw(int members, int degree, Func<int, int> randomBelow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        var neighbours = new int[members][];
        if (degree >= members - 1)
        {
            for (var i = 0; i < members; i++)
            {
                var list = new int[members - 1];
                for (int j = 0, at = 0; j < members; j++)
                {
                    if (j != i)
                    {
                        list[at++] = j;
                    }
                }

                neighbours[i] = list;
            }

            return neighbours;
        }

        if (degree % 2 != 0)
        {
            throw new ArgumentException($"a circulant graph on {members} clients needs an even degree, not {degree}", nameof(degree));
        }

        var order = new int[members];
        for (var i = 0; i < members; i++)
        {
            order[i] = i;
        }

        for (var i = members - 1; i > 0; i--)
        {
            var j = randomBelow(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        for (var r = 0; r < members; r++)
        {
            var list = new int[degree];
            for (var j = 1; j <= degree / 2; j++)
            {
                list[(2 * j) - 2] = order[(r + j) % members];
                list[(2 * j) - 1] = order[(r - j + members) % members];
            }

            Array.Sort(list);
            neighbours[order[r]] = list;
        }

        return neighbours;
    }
}
