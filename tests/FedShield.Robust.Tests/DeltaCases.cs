using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace FedShield.Robust.Tests;

/// <summary>A round's updates for property tests, with a seed for shuffling them.</summary>
public sealed record DeltaSet(ClientUpdate[] Updates, int ShuffleSeed)
{
    public override string ToString() =>
        string.Join(" | ", Updates.Select(u => $"c{u.ClientId} n={u.SampleCount} [{string.Join(", ", u.Values)}]")) + $" shuffle {ShuffleSeed}";
}

/// <summary>Updates, generators and comparisons shared by the aggregator tests.</summary>
internal static class DeltaCases
{
    /// <summary>FsCheck with a fixed generator seed and a modest number of cases.</summary>
    public static Config FixedSeed { get; } = Config.QuickThrowOnFailure
        .WithMaxTest(200)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20250117UL), FSharpOption<int>.None)));

    /// <summary>An update of <paramref name="samples"/> samples.</summary>
    public static ClientUpdate Weighted(int clientId, long samples, params float[] values) =>
        new(clientId, 1, values, UpdateKind.Delta, samples, MetricSet.Empty);

    /// <summary>An update of one sample.</summary>
    public static ClientUpdate Update(int clientId, params float[] values) => Weighted(clientId, 1, values);

    /// <summary>1..7 updates of 1..6 values in [−10, 10] (multiples of 1/8), distinct client ids, sample counts 1..50.</summary>
    public static Gen<DeltaSet> Sets(int minClients = 1) =>
        from n in Gen.Choose(minClients, 7)
        from length in Gen.Choose(1, 6)
        from values in Gen.ArrayOf(Gen.Choose(-80, 80).Select(v => v / 8f), n * length)
        from samples in Gen.ArrayOf(Gen.Choose(1, 50), n)
        from idSeed in Gen.Choose(0, 100_000)
        from shuffle in Gen.Choose(0, 100_000)
        select new DeltaSet(Make(n, length, values, samples, idSeed), shuffle);

    /// <summary>1..6 copies of one update of 1..6 values, under distinct client ids with sample counts 1..50.</summary>
    public static Gen<DeltaSet> Identical(bool nonZero = false) =>
        from n in Gen.Choose(1, 6)
        from length in Gen.Choose(1, 6)
        from values in Gen.ArrayOf(Gen.Choose(-1000, 1000).Select(v => v / 7f), length)
        from samples in Gen.ArrayOf(Gen.Choose(1, 50), n)
        from idSeed in Gen.Choose(0, 100_000)
        where !nonZero || values.Any(v => v != 0)
        select new DeltaSet(Make(n, length, [.. Enumerable.Range(0, n).SelectMany(_ => values)], samples, idSeed), 0);

    public static void Check<T>(Gen<T> cases, Func<T, bool> property) =>
        Prop.ForAll(cases.ToArbitrary(), property).Check(FixedSeed);

    /// <summary>The updates in a shuffled order.</summary>
    public static ClientUpdate[] Shuffled(DeltaSet set)
    {
        var copy = (ClientUpdate[])set.Updates.Clone();
        new Random(set.ShuffleSeed).Shuffle(copy);
        return copy;
    }

    /// <summary>Whether two results have bit-identical deltas, metrics and exclusions.</summary>
    public static bool SameResult(AggregationResult a, AggregationResult b) =>
        a.Delta.AsSpan().SequenceEqual(b.Delta)
        && a.Metrics.ToString() == b.Metrics.ToString()
        && a.ExcludedClients.SequenceEqual(b.ExcludedClients);

    /// <summary>Whether every coordinate of <paramref name="delta"/> lies within the updates' range at that coordinate (with a rounding slack).</summary>
    public static bool WithinCoordinateRange(float[] delta, IReadOnlyList<ClientUpdate> updates)
    {
        for (var i = 0; i < delta.Length; i++)
        {
            var lo = updates.Min(u => u.Values[i]);
            var hi = updates.Max(u => u.Values[i]);
            var slack = 1e-5 * Math.Max(1, Math.Max(Math.Abs(lo), Math.Abs(hi)));
            if (delta[i] < lo - slack || delta[i] > hi + slack)
            {
                return false;
            }
        }

        return true;
    }

    public static double Norm(ReadOnlySpan<float> v)
    {
        double s = 0;
        foreach (var x in v)
        {
            s += (double)x * x;
        }

        return Math.Sqrt(s);
    }

    private static ClientUpdate[] Make(int n, int length, float[] values, int[] samples, int idSeed)
    {
        var ids = Enumerable.Range(0, 3 * n).ToArray();
        new Random(idSeed).Shuffle(ids);
        return [.. ids.Take(n).Order().Select((id, k) => Weighted(id, samples[k], values.AsSpan(k * length, length).ToArray()))];
    }
}
