using FsCheck;
using FsCheck.Fluent;
using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

/// <summary>Invariants every partitioner and every partition keep, over generated label sets (FsCheck).</summary>
public class PartitionPropertyTests
{
    public sealed record PartitionCase(int[] Labels, int Classes, int Clients, IPartitioner Partitioner, int Seed, double ValidationFraction)
    {
        public override string ToString() =>
            $"{Partitioner.Describe()}, {Labels.Length} samples, {Classes} classes, {Clients} clients, seed {Seed}, validation {ValidationFraction}";
    }

    // Sample counts 1..300, 1..8 classes, 1..12 clients (never more than samples). Shards use at most
    // n / clients shards per client. Sized IID gives client c the fraction c / (1 + 2 + … + N), so it needs
    // n ≥ N(N + 1)/2 for the smallest client to get a sample.
    private static Gen<PartitionCase> Cases() =>
        from n in Gen.Choose(1, 300)
        from classes in Gen.Choose(1, 8)
        from wantedClients in Gen.Choose(1, 12)
        from kind in Gen.Choose(0, 4)
        from shards in Gen.Choose(1, 3)
        from alpha in Gen.Elements(0.3, 1.0, 10.0)
        from sigma in Gen.Elements(0.0, 1.0, 3.0)
        from seed in Gen.Choose(0, 100_000)
        from fraction in Gen.Elements(0.0, 0.1, 0.25, 0.5, 0.9)
        let clients = ClientsFor(kind, wantedClients, n)
        let partitioner = kind switch
        {
            0 => new IidPartitioner(),
            1 => new IidPartitioner([.. Enumerable.Range(1, clients).Select(c => c / (clients * (clients + 1) / 2.0))]),
            2 => new DirichletPartitioner(alpha),
            3 => new ShardPartitioner(Math.Min(shards, n / clients)),
            _ => (IPartitioner)new QuantitySkewPartitioner(sigma),
        }
        select new PartitionCase(PartitionTestData.Uniform(n, classes, seed), classes, clients, partitioner, seed, fraction);

    [Fact]
    public void Assign_AnyPartitioner_GivesEverySampleToExactlyOneNonEmptyClient()
    {
        PartitionTestData.Check(Cases(), c =>
        {
            var clients = c.Partitioner.Assign(c.Labels, c.Classes, c.Clients, new Random(c.Seed));
            return clients.Length == c.Clients
                && clients.All(client => client.Length >= 1)
                && PartitionTestData.IsExactCover(clients, c.Labels.Length);
        });
    }

    [Fact]
    public void Create_AnyPartitioner_SplitsEachClientIntoDisjointAscendingTrainAndValidation()
    {
        PartitionTestData.Check(Cases(), c =>
        {
            var assigned = c.Partitioner.Assign(c.Labels, c.Classes, c.Clients, new Random(c.Seed));
            var partition = Partition.Create(c.Labels, c.Classes, c.Partitioner, c.Clients, c.Seed, c.ValidationFraction);
            bool everyoneOnce = PartitionTestData.IsExactCover(
                partition.Clients.SelectMany(p => new[] { p.Train.ToArray(), p.Validation.ToArray() }), c.Labels.Length);
            bool splitsSound = partition.Clients.All(p =>
            {
                var train = p.Train.ToArray();
                var validation = p.Validation.ToArray();
                int expected = Math.Min((int)Math.Round(c.ValidationFraction * p.Count, MidpointRounding.AwayFromZero), p.Count - 1);
                return train.Length >= 1
                    && validation.Length == expected
                    && IsAscending(train)
                    && IsAscending(validation)
                    && !train.Intersect(validation).Any();
            });
            return everyoneOnce && splitsSound && partition.ClientCount == c.Clients && partition.SampleCount == c.Labels.Length;
        });
    }

    [Fact]
    public void Create_SameSeed_GivesBitIdenticalArrays()
    {
        PartitionTestData.Check(Cases(), c =>
        {
            var a = Partition.Create(c.Labels, c.Classes, c.Partitioner, c.Clients, c.Seed, c.ValidationFraction);
            var b = Partition.Create(c.Labels, c.Classes, c.Partitioner, c.Clients, c.Seed, c.ValidationFraction);
            return Enumerable.Range(0, c.Clients).All(i =>
                a[i].Train.Span.SequenceEqual(b[i].Train.Span) && a[i].Validation.Span.SequenceEqual(b[i].Validation.Span));
        });
    }

    [Fact]
    public void Report_AnyPartition_CountsSumToTheSampleAndClassTotals()
    {
        PartitionTestData.Check(Cases(), c =>
        {
            var partition = Partition.Create(c.Labels, c.Classes, c.Partitioner, c.Clients, c.Seed, c.ValidationFraction);
            var report = PartitionReport.Build(c.Labels, [.. Enumerable.Range(0, c.Classes).Select(k => $"c{k}")], partition);
            var global = new int[c.Classes];
            foreach (int label in c.Labels)
            {
                global[label]++;
            }

            bool perClassTotals = Enumerable.Range(0, c.Classes).All(k =>
                report.PerClass.Sum(row => row[k]) + report.ValidationPerClass.Sum(row => row[k]) == global[k]);
            bool perClient = Enumerable.Range(0, c.Clients).All(i =>
                report.ClientCounts[i] == partition[i].Count
                && report.TrainCounts[i] == report.PerClass[i].Sum()
                && report.ValidationCounts[i] == partition[i].Validation.Length);
            return perClassTotals && perClient && report.ClientCounts.Sum() == c.Labels.Length
                && report.MeanTotalVariation is >= 0 and <= 1;
        });
    }

    // Dirichlet keeps ≥ 25 samples per client, so that α ≥ 0.3 meets the one-sample minimum well within
    // the attempt budget.
    private static int ClientsFor(int kind, int wanted, int n)
    {
        int clients = Math.Min(wanted, n);
        if (kind == 1)
        {
            while (clients * (clients + 1) / 2 > n)
            {
                clients--;
            }
        }

        return kind == 2 ? Math.Max(1, Math.Min(clients, n / 25)) : clients;
    }

    private static bool IsAscending(int[] values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] <= values[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
