using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FsCheck;
using Microsoft.FSharp.Core;

namespace FedShield.Robust.Tests;

/// <summary>Update sets, naive references and FsCheck settings shared by the aggregator tests.</summary>
internal static class RobustCases
{
    /// <summary>FsCheck with a fixed generator seed, so a property test draws the same cases on every run.</summary>
    public static Config FixedSeed { get; } = Config.QuickThrowOnFailure.WithReplay(
        FSharpOption<Replay>.Some(new Replay(new Rnd(20260314UL), FSharpOption<int>.None)));

    public static ClientUpdate Update(int id, params float[] values) => Update(id, 1, values);

    public static ClientUpdate Update(int id, long samples, params float[] values) =>
        new(id, 1, values, UpdateKind.Delta, samples, MetricSet.Empty);

    /// <summary>Updates with ids 0..rows.Length-1, one sample each.</summary>
    public static ClientUpdate[] Updates(params float[][] rows) => [.. rows.Select((r, i) => Update(i, r))];

    /// <summary>n updates of d values uniform in [-scale, scale), sample counts 1..10, ids 0..n-1.</summary>
    public static ClientUpdate[] Random(int seed, int n, int d, float scale = 1f)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(i => Update(i, 1 + random.Next(10), [.. Enumerable.Range(0, d).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale))]))];
    }

    /// <summary>The values of coordinate k, sorted ascending.</summary>
    public static float[] Column(IReadOnlyList<ClientUpdate> updates, int k) => [.. updates.Select(u => u.Values[k]).Order()];

    /// <summary>The naive coordinate-wise median: sort each column.</summary>
    public static float[] NaiveMedian(IReadOnlyList<ClientUpdate> updates)
    {
        int d = updates[0].Values.Length, n = updates.Count;
        var result = new float[d];
        for (int k = 0; k < d; k++)
        {
            var c = Column(updates, k);
            result[k] = n % 2 == 1 ? c[n / 2] : (float)(((double)c[n / 2 - 1] + c[n / 2]) / 2);
        }

        return result;
    }

    /// <summary>The naive trimmed mean: sort each column, sum the middle in ascending order in double.</summary>
    public static float[] NaiveTrimmedMean(IReadOnlyList<ClientUpdate> updates, int k)
    {
        int d = updates[0].Values.Length, n = updates.Count;
        var result = new float[d];
        for (int j = 0; j < d; j++)
        {
            var c = Column(updates, j);
            double s = 0;
            for (int r = k; r < n - k; r++)
            {
                s += c[r];
            }

            result[j] = (float)(s / (n - 2 * k));
        }

        return result;
    }

    /// <summary>The updates in the order given by a seeded shuffle.</summary>
    public static ClientUpdate[] Shuffled(IReadOnlyList<ClientUpdate> updates, int seed)
    {
        var copy = updates.ToArray();
        new Random(seed).Shuffle(copy);
        return copy;
    }
}
