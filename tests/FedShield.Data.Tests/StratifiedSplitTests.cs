using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Data.Tests;

public class StratifiedSplitTests
{
    private static Gen<(int[] Labels, double Fraction, int Seed)> Cases() =>
        from classes in Gen.Choose(1, 5)
        from labels in Gen.ArrayOf(Gen.Choose(0, classes - 1))
        from percent in Gen.Choose(1, 99)
        from seed in Gen.Choose(0, 1000)
        select (labels, percent / 100.0, seed);

    [Fact]
    public void Split_AnyLabels_PartitionsRowsAndKeepsEachClassWithinOneRow()
    {
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var (train, test) = StratifiedSplit.Split(c.Labels, 5, c.Fraction, c.Seed);
            bool partition = train.Concat(test).Order().SequenceEqual(Enumerable.Range(0, c.Labels.Length));
            bool sorted = train.SequenceEqual(train.Order()) && test.SequenceEqual(test.Order());
            bool total = train.Length == (int)Math.Round(c.Fraction * c.Labels.Length, MidpointRounding.AwayFromZero);
            bool perClass = Enumerable.Range(0, 5).All(k =>
            {
                int n = c.Labels.Count(l => l == k);
                int t = train.Count(i => c.Labels[i] == k);
                return t >= Math.Floor(c.Fraction * n) && t <= Math.Ceiling(c.Fraction * n);
            });
            return partition && sorted && total && perClass;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Split_SameSeed_IsReproducibleAndOtherSeedDiffers()
    {
        int[] labels = [.. Enumerable.Range(0, 200).Select(i => i % 3)];
        var a = StratifiedSplit.Split(labels, 3, 0.5, 1);
        var b = StratifiedSplit.Split(labels, 3, 0.5, 1);
        var c = StratifiedSplit.Split(labels, 3, 0.5, 2);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Train, c.Train);
    }

    [Fact]
    public void Split_Remainders_GoToTheLargestFractionalPart()
    {
        // 0.5 · (3, 5) = (1.5, 2.5): 4 training rows; equal remainders, so the lower class gets the extra row.
        int[] labels = [0, 0, 0, 1, 1, 1, 1, 1];
        var (train, _) = StratifiedSplit.Split(labels, 2, 0.5, 0);
        Assert.Equal(4, train.Length);
        Assert.Equal(2, train.Count(i => labels[i] == 0));
    }
}
