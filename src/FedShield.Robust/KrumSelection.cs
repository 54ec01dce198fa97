using FedShield.Federation.Messages;

namespace FedShield.Robust;

/// <summary>The part Krum and Multi-Krum share: checks, distances, scores and the ranking.</summary>
internal static class KrumSelection
{
    /// <summary>
    /// All positions ranked by (Krum score over n − f − 2 neighbours, client id), with the common
    /// length, the resolved f and the scores.
    /// </summary>
    /// <exception cref="InvalidOperationException">There are no updates, or n ≤ 2f + 2.</exception>
    public static int[] Rank(IReadOnlyList<ClientUpdate> updates, AssumedAttackers attackers, string name, out int length, out int f, out double[] scores)
    {
        length = RobustMath.CheckUpdates(updates, name);
        int n = updates.Count;
        f = attackers.Resolve(n);
        if (n <= 2L * f + 2)
        {
            throw new InvalidOperationException($"{name} needs n > 2f + 2 updates; got n = {n} with f = {f} ({attackers})");
        }

        var distances = SquaredDistanceMatrix.Compute(updates, length);
        var active = new bool[n];
        Array.Fill(active, true);
        scores = new KrumScoring(distances, n).Scores(active, n - f - 2);
        return KrumScoring.Rank(scores, active, updates);
    }
}
