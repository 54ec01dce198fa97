using FedShield.Federation.Messages;
using FedShield.Federation.Strategies;
using FsCheck;
using FsCheck.Fluent;
using static FedShield.Robust.Tests.RobustCases;

namespace FedShield.Robust.Tests;

public class RobustPropertyTests
{
    // Quarter steps in [-10, 10]: ties between updates are frequent, so tie-breaking is exercised.
    private static readonly Gen<float> Value = Gen.Choose(-40, 40).Select(v => v / 4f);

    // Mostly quarter steps, sometimes values 1e15 times larger or smaller: sums whose rounding
    // depends on the order of the terms, to show that none of the rules depends on it.
    private static readonly Gen<float> WideValue = Gen.Frequency(
        (6, Value),
        (1, Gen.Choose(-1000, 1000).Select(v => v / 7f * 1e15f)),
        (1, Gen.Choose(-1000, 1000).Select(v => v / 7f * 1e-15f)));

    private static IAggregator[] All() =>
    [
        new MedianAggregator(),
        new TrimmedMeanAggregator(0.2),
        new KrumAggregator(AssumedAttackers.Count(1)),
        new MultiKrumAggregator(AssumedAttackers.Fraction(0.2)),
        new MultiKrumAggregator(AssumedAttackers.Count(1), select: 2),
        new BulyanAggregator(AssumedAttackers.Count(1)),
    ];

    // The fewest updates each of All() accepts.
    private static int MinimumUpdates(IAggregator a) => a switch
    {
        KrumAggregator or MultiKrumAggregator => 5,
        BulyanAggregator => 7,
        _ => 1,
    };

    // n updates of d values, ids 3i + 1, sample counts 1..5.
    private static Gen<ClientUpdate[]> UpdateSets(int minN, int maxN, Gen<float>? values = null) =>
        from n in Gen.Choose(minN, maxN)
        from d in Gen.Choose(1, 20)
        from rows in Gen.ArrayOf(Gen.ArrayOf(values ?? Value, d), n)
        from counts in Gen.ArrayOf(Gen.Choose(1, 5), n)
        select rows.Select((r, i) => Update(3 * i + 1, counts[i], r)).ToArray();

    [Fact]
    public void Aggregate_AnyOrderOfTheUpdates_GivesTheSameResult()
    {
        foreach (var aggregator in All())
        {
            var cases = from set in UpdateSets(MinimumUpdates(aggregator), 12, WideValue)
                        from seed in Gen.Choose(0, 10_000)
                        select (set, seed);
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var a = aggregator.Aggregate(c.set);
                var b = aggregator.Aggregate(Shuffled(c.set, c.seed));
                return a.Delta.SequenceEqual(b.Delta)
                    && a.ExcludedClients.SequenceEqual(b.ExcludedClients)
                    && a.Metrics.Select(m => (m.Name, m.Value)).SequenceEqual(b.Metrics.Select(m => (m.Name, m.Value)));
            }).Label(aggregator.Name).Check(FixedSeed);
        }
    }

    [Fact]
    public void Aggregate_IdenticalUpdates_ReturnsThatUpdate()
    {
        foreach (var aggregator in All())
        {
            var cases = from n in Gen.Choose(MinimumUpdates(aggregator), 12)
                        from row in Gen.ArrayOf(Value, 9)
                        from counts in Gen.ArrayOf(Gen.Choose(1, 5), n)
                        select (n, row, counts);
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var updates = Enumerable.Range(0, c.n).Select(i => Update(i, c.counts[i], [.. c.row])).ToArray();
                return aggregator.Aggregate(updates).Delta.SequenceEqual(c.row);
            }).Label(aggregator.Name).Check(FixedSeed);
        }
    }

    // h honest updates in [-10, 10] and a attackers at ±1e30 or ±float.MaxValue, shuffled.
    private static Gen<(ClientUpdate[] Updates, ClientUpdate[] Honest)> WithHugeAttackers(Func<int, int> maxAttackers) =>
        from n in Gen.Choose(1, 15)
        from a in Gen.Choose(0, maxAttackers(n))
        from d in Gen.Choose(1, 12)
        from honest in Gen.ArrayOf(Gen.ArrayOf(Value, d), n - a)
        from attack in Gen.ArrayOf(Gen.ArrayOf(Gen.Elements(1e30f, -1e30f, float.MaxValue, -float.MaxValue), d), a)
        from seed in Gen.Choose(0, 10_000)
        let updates = honest.Concat(attack).Select((r, i) => Update(i, r)).ToArray()
        select (Shuffled(updates, seed), updates[..(n - a)]);

    private static bool WithinHonestRange(float[] delta, ClientUpdate[] honest) =>
        delta.Select((v, k) => v >= honest.Min(u => u.Values[k]) && v <= honest.Max(u => u.Values[k])).All(x => x);

    [Fact]
    public void Median_FewerAttackersThanHonest_StaysWithinTheHonestRange()
    {
        Prop.ForAll(WithHugeAttackers(n => (n - 1) / 2).ToArbitrary(), c =>
            WithinHonestRange(new MedianAggregator().Aggregate(c.Updates).Delta, c.Honest)).Check(FixedSeed);
    }

    [Fact]
    public void TrimmedMean_AtMostKAttackers_StaysWithinTheHonestRange()
    {
        var rule = new TrimmedMeanAggregator(0.3);
        Prop.ForAll(WithHugeAttackers(rule.TrimCount).ToArbitrary(), c =>
            WithinHonestRange(rule.Aggregate(c.Updates).Delta, c.Honest)).Check(FixedSeed);
    }

    // Honest updates within ±1 of a common centre; a ≤ f attackers at least 998 away from it in every
    // coordinate (possibly all at the same point, colluding); n > 2f + 2.
    private static Gen<(ClientUpdate[] Updates, int F, HashSet<int> Attackers)> FarAttackers() =>
        from f in Gen.Choose(0, 3)
        from n in Gen.Choose(2 * f + 3, 2 * f + 9)
        from a in Gen.Choose(0, f)
        from d in Gen.Choose(1, 10)
        from centre in Gen.ArrayOf(Value, d)
        from noise in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(-8, 8).Select(v => v / 8f), d), n - a)
        from signs in Gen.ArrayOf(Gen.ArrayOf(Gen.Elements(-1000f, 1000f), d), a)
        from colluding in Gen.Elements(true, false)
        from seed in Gen.Choose(0, 10_000)
        let rows = noise.Select(r => r.Select((v, k) => centre[k] + v).ToArray())
            .Concat(signs.Select(s => (colluding ? signs[0] : s).Select((v, k) => centre[k] + v).ToArray()))
        let updates = rows.Select((r, i) => Update(i, 1 + i % 3, r)).ToArray()
        select (Shuffled(updates, seed), f, Enumerable.Range(n - a, a).ToHashSet());

    [Fact]
    public void Krum_FarAttackers_SelectsAnHonestUpdate()
    {
        Prop.ForAll(FarAttackers().ToArbitrary(), c =>
        {
            var result = new KrumAggregator(AssumedAttackers.Count(c.F)).Aggregate(c.Updates);
            var chosen = c.Updates.Select(u => u.ClientId).Except(result.ExcludedClients).Single();
            return !c.Attackers.Contains(chosen) && c.Updates.Single(u => u.ClientId == chosen).Values.SequenceEqual(result.Delta);
        }).Check(FixedSeed);
    }

    [Fact]
    public void MultiKrum_FarAttackers_ExcludesEveryAttacker()
    {
        Prop.ForAll(FarAttackers().ToArbitrary(), c =>
        {
            var result = new MultiKrumAggregator(AssumedAttackers.Count(c.F)).Aggregate(c.Updates);
            return c.Attackers.IsSubsetOf(result.ExcludedClients)
                && result.ExcludedClients.Count == c.F
                && result.Metrics.GetOrNaN("agg.selected") == c.Updates.Length - c.F;
        }).Check(FixedSeed);
    }

    [Fact]
    public void ExcludedClients_AndSelectedCount_AddUpToTheUpdates()
    {
        var cases = from set in UpdateSets(7, 14)
                    from pick in Gen.Choose(2, 5)
                    select (set, pick);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            IAggregator[] rules = [new KrumAggregator(AssumedAttackers.Count(1)), new MultiKrumAggregator(AssumedAttackers.Count(1), c.pick), new BulyanAggregator(AssumedAttackers.Count(1))];
            return rules.All(rule =>
            {
                var r = rule.Aggregate(c.set);
                return r.ExcludedClients.Count + r.Metrics.GetOrNaN("agg.selected") == c.set.Length
                    && r.ExcludedClients.Count == r.Metrics.GetOrNaN("agg.excluded")
                    && r.ExcludedClients.SequenceEqual(r.ExcludedClients.Order())
                    && r.ExcludedClients.All(id => c.set.Any(u => u.ClientId == id));
            });
        }).Check(FixedSeed);
    }
}
