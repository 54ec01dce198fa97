using FsCheck;
using FsCheck.Fluent;
using FedShield.Data.Partitions;
using Microsoft.FSharp.Core;

namespace FedShield.Data.Tests.Partitions;

/// <summary>Synthetic labels and checks shared by the partition tests.</summary>
internal static class PartitionTestData
{
    public static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>FsCheck with a fixed generator seed, so a property test draws the same cases on every run.</summary>
    public static Config FixedSeed { get; } = Config.QuickThrowOnFailure.WithReplay(
        FSharpOption<Replay>.Some(new Replay(new Rnd(20240611UL), FSharpOption<int>.None)));

    /// <summary><paramref name="count"/> labels, <c>count / classes</c> of each class (±1), in shuffled order.</summary>
    public static int[] Balanced(int count, int classes, int seed)
    {
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % classes;
        }

        new Random(seed).Shuffle(labels);
        return labels;
    }

    /// <summary>Labels drawn uniformly at random.</summary>
    public static int[] Uniform(int count, int classes, int seed)
    {
        var random = new Random(seed);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(classes);
        }

        return labels;
    }

    /// <summary>Each client's labels.</summary>
    public static int[][] LabelsOf(int[][] clients, int[] labels) =>
        [.. clients.Select(c => c.Select(i => labels[i]).ToArray())];

    /// <summary>Whether every index in [0, count) appears in exactly one client.</summary>
    public static bool IsExactCover(IEnumerable<int[]> clients, int count)
    {
        var seen = new int[count];
        foreach (var client in clients)
        {
            foreach (int i in client)
            {
                if ((uint)i >= (uint)count)
                {
                    return false;
                }

                seen[i]++;
            }
        }

        return seen.All(s => s == 1);
    }

    /// <summary>Makes <see cref="Prop.ForAll{T}(Arbitrary{T}, Func{T, bool})"/> run under <see cref="FixedSeed"/>.</summary>
    public static void Check<T>(Gen<T> cases, Func<T, bool> property) =>
        Prop.ForAll(cases.ToArbitrary(), property).Check(FixedSeed);
}
