using FedShield.Federation.Messages;
using static FedShield.Robust.Tests.DeltaCases;

namespace FedShield.Robust.Tests;

public class FoolsGoldAggregatorTests
{
    [Fact]
    public void Aggregate_TwoSybilsAndOneHonest_ExcludesTheSybils()
    {
        // c1 = c2 = (1, 0) (sybils), c3 = (1, 1). cs12 = 1, cs13 = cs23 = 1/√2.
        // v = (1, 1, 1/√2). Pardoning row 3: v1 > v3 ⇒ cs31 = cs32 = (1/√2)·(1/√2)/1 = 1/2.
        // α = (1 − 1, 1 − 1, 1 − 1/2) = (0, 0, 1/2); / max ⇒ (0, 0, 1); 1 → 0.99;
        // logit: ln(0) = −∞ ⇒ 0; ln(0.99/0.01) + 0.5 ≈ 5.10 ⇒ 1. Weights (0, 0, 1) ⇒ aggregate = (1, 1).
        var result = new FoolsGoldAggregator().Aggregate([Update(1, 1, 0), Update(2, 1, 0), Update(3, 1, 1)]);

        Assert.Equal([1f, 1f], result.Delta);
        Assert.Equal([1, 2], result.ExcludedClients);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.selected"));
        Assert.Equal(2, result.Metrics.GetOrNaN("agg.excluded"));
        Assert.Equal(0, result.Metrics.GetOrNaN("agg.weight_min"));
        Assert.Equal(1 / 3.0, result.Metrics.GetOrNaN("agg.weight_mean"), 12);
        Assert.Equal(0, result.Metrics.GetOrNaN("agg.weight.c1"));
        Assert.Equal(0, result.Metrics.GetOrNaN("agg.weight.c2"));
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.weight.c3"));
    }

    [Fact]
    public void Aggregate_PartlySimilarPair_GetsLogitWeight()
    {
        // c1 = (1,0,0), c2 = (3,4,0), c3 = (0,0,1): cs12 = 3/5, cs13 = cs23 = 0; v = (0.6, 0.6, 0).
        // No pardoning changes anything (row 3 has v3 = 0). α = (0.4, 0.4, 1); / max ⇒ (0.4, 0.4, 0.99).
        // κ = 1: w1 = w2 = ln(0.4/0.6) + 0.5 = 0.5 − ln 1.5 ≈ 0.094535; w3 = ln 99 + 0.5 > 1 ⇒ 1.
        // Aggregate = (w·(1,0,0) + w·(3,4,0) + (0,0,1)) / (1 + 2w) = (4w, 4w, 1) / (1 + 2w) ≈ (0.31801, 0.31801, 0.84100).
        var w = 0.5 - Math.Log(1.5);
        var result = new FoolsGoldAggregator().Aggregate([Update(1, 1, 0, 0), Update(2, 3, 4, 0), Update(3, 0, 0, 1)]);

        Assert.Equal(w, result.Metrics.GetOrNaN("agg.weight.c1"), 6);
        Assert.Equal(w, result.Metrics.GetOrNaN("agg.weight.c2"), 6);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.weight.c3"));
        Assert.Equal(4 * w / (1 + (2 * w)), result.Delta[0], 5);
        Assert.Equal(4 * w / (1 + (2 * w)), result.Delta[1], 5);
        Assert.Equal(1 / (1 + (2 * w)), result.Delta[2], 5);
        Assert.Empty(result.ExcludedClients);
    }

    [Fact]
    public void Aggregate_Kappa_ScalesTheLogit()
    {
        // As above with κ = 2: w1 = w2 = 2·(0.5 − ln 1.5) ≈ 0.18907.
        var result = new FoolsGoldAggregator(new FoolsGoldOptions { Kappa = 2 }).Aggregate([Update(1, 1, 0, 0), Update(2, 3, 4, 0), Update(3, 0, 0, 1)]);

        Assert.Equal(2 * (0.5 - Math.Log(1.5)), result.Metrics.GetOrNaN("agg.weight.c1"), 6);
    }

    [Fact]
    public void WeightsFromSimilarities_Pardoning_LowersTheMaximumOfTheLessSimilarClient()
    {
        // cs12 = 0.6, cs13 = 0.5, cs23 = 0.2 ⇒ v = (0.6, 0.6, 0.5).
        // Pardoning row 3 (v1 = v2 = 0.6 > 0.5): cs31 = 0.5·0.5/0.6 = 5/12, cs32 = 0.2·0.5/0.6 = 1/6.
        // α = (0.4, 0.4, 7/12); / max ⇒ (24/35, 24/35, 1 → 0.99).
        // κ = 0.5: w1 = w2 = 0.5·(ln(24/11) + 0.5) ≈ 0.64008; w3 = 0.5·(ln 99 + 0.5) > 1 ⇒ 1.
        // (Without pardoning α3 would be 0.5 and w1 = 0.5·(ln 4 + 0.5) ≈ 0.943.)
        var weights = FoolsGoldAggregator.WeightsFromSimilarities(Matrix(0.6, 0.5, 0.2), 0.5);

        Assert.Equal(0.5 * (Math.Log(24.0 / 11) + 0.5), weights[0], 12);
        Assert.Equal(0.5 * (Math.Log(24.0 / 11) + 0.5), weights[1], 12);
        Assert.Equal(1, weights[2]);
    }

    [Fact]
    public void WeightsFromSimilarities_ClientUnlikeAll_IsNotPardonedIntoSimilarity()
    {
        // cs12 = 0.4, cs13 = −0.2, cs23 = −0.5 ⇒ v = (0.4, 0.4, −0.2). Row 3 is not pardoned (v3 ≤ 0),
        // so α3 = 1 − (−0.2) ⇒ clipped to 1; α1 = α2 = 0.6. κ = 1: w1 = w2 = ln(0.6/0.4) + 0.5 ≈ 0.90547, w3 = 1.
        // (Scaling row 3 by v3/vj < 0 would flip its similarities positive, lower α3 to 0.75 and raise w1 to 1.)
        var weights = FoolsGoldAggregator.WeightsFromSimilarities(Matrix(0.4, -0.2, -0.5), 1);

        Assert.Equal(Math.Log(1.5) + 0.5, weights[0], 12);
        Assert.Equal(Math.Log(1.5) + 0.5, weights[1], 12);
        Assert.Equal(1, weights[2]);
    }

    [Fact]
    public void CosineSimilarities_ParallelAndZeroVectors_AreExactlyOneAndZero()
    {
        ReadOnlyMemory<float>[] vectors = [new float[] { 0.1f, 0.7f, -0.3f }, new float[] { 0.3f, 2.1f, -0.9f }, new float[] { 0, 0, 0 }, new float[] { 0.1f, 0.7f, -0.3f }];

        var cs = FoolsGoldAggregator.CosineSimilarities(vectors);

        Assert.Equal(1, cs[0, 3]);
        Assert.Equal(1, cs[0, 1]);
        Assert.Equal(0, cs[0, 2]);
        Assert.Equal(cs[1, 0], cs[0, 1]);
    }

    [Fact]
    public void Aggregate_AllUpdatesParallel_ThrowsInvalidOperation()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new FoolsGoldAggregator().Aggregate([Update(1, 1, 2), Update(2, 2, 4), Update(3, 1, 2)]));
        Assert.Contains("foolsgold gave every client weight 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_SingleUpdate_GetsWeightOne()
    {
        var result = new FoolsGoldAggregator().Aggregate([Update(5, 0.25f, -3)]);

        Assert.Equal([0.25f, -3f], result.Delta);
        Assert.Equal(1, result.Metrics.GetOrNaN("agg.weight.c5"));
        Assert.Empty(result.ExcludedClients);
    }

    [Fact]
    public void Aggregate_SimilarityRange_ComparesOnlyThoseCoordinates()
    {
        // Over coordinates 1..2, c1 and c2 are both (1, 0) and c3 is (0, 1): c1 and c2 are sybils although
        // they differ in coordinate 0. Over all coordinates cs12 = −24/26 and nobody is excluded.
        ClientUpdate[] updates = [Update(1, 5, 1, 0), Update(2, -5, 1, 0), Update(3, 0, 0, 1)];

        var ranged = new FoolsGoldAggregator(new FoolsGoldOptions { SimilarityRange = 1.. }).Aggregate(updates);
        var full = new FoolsGoldAggregator().Aggregate(updates);

        Assert.Equal([0f, 0f, 1f], ranged.Delta);
        Assert.Equal([1, 2], ranged.ExcludedClients);
        Assert.Empty(full.ExcludedClients);
    }

    // For updates of 3 values: past the end, empty (2..2), and an end before the start (3..0).
    private static readonly Range[] OutsideRanges = [0..4, 2..^1, ^0..^3];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Aggregate_SimilarityRangeOutsideUpdate_ThrowsArgument(int which)
    {
        var options = new FoolsGoldOptions { SimilarityRange = OutsideRanges[which] };

        var ex = Assert.Throws<ArgumentException>(() => new FoolsGoldAggregator(options).Aggregate([Update(1, 1, 2, 3), Update(2, 3, 2, 1)]));
        Assert.Contains("similarity range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Invalid_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FoolsGoldOptions { Kappa = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FoolsGoldOptions { Kappa = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FoolsGoldOptions { SimilarityRange = 5..2 });
    }

    [Fact]
    public void Aggregate_DuplicateClient_ThrowsArgument()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FoolsGoldAggregator().Aggregate([Update(1, 1, 0), Update(1, 0, 1)]));
        Assert.Contains("client 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_ShuffledUpdatesFreshAggregator_GivesBitIdenticalResult()
    {
        Check(Sets(), set =>
        {
            var a = Outcome(() => new FoolsGoldAggregator().Aggregate(set.Updates));
            var b = Outcome(() => new FoolsGoldAggregator().Aggregate(Shuffled(set)));
            return a.Error == b.Error && (a.Result is null || SameResult(a.Result, b.Result!));
        });
    }

    [Fact]
    public void Aggregate_AnyUpdates_WeightsInUnitIntervalWithMaximumOneAndResultInHull()
    {
        Check(Sets(minClients: 2), set =>
        {
            var (result, error) = Outcome(() => new FoolsGoldAggregator().Aggregate(set.Updates));
            if (result is null)
            {
                return error!.Contains("weight 0", StringComparison.Ordinal);
            }

            var weights = set.Updates.Select(u => result.Metrics.GetOrNaN($"agg.weight.c{u.ClientId}")).ToArray();
            return weights.All(w => w is >= 0 and <= 1)
                && weights.Max() == 1
                && result.ExcludedClients.Count == weights.Count(w => w == 0)
                && WithinCoordinateRange(result.Delta, set.Updates);
        });
    }

    [Fact]
    public void Aggregate_IdenticalUpdates_ReturnsTheUpdateAloneAndRefusesCopies()
    {
        // Copies of one non-zero update are all parallel: every client looks like a sybil.
        Check(Identical(nonZero: true), set =>
        {
            var (result, error) = Outcome(() => new FoolsGoldAggregator().Aggregate(set.Updates));
            return set.Updates.Length == 1
                ? result is not null && result.Delta.AsSpan().SequenceEqual(set.Updates[0].Values)
                : error is not null && error.Contains("weight 0", StringComparison.Ordinal);
        });
    }

    private static (Federation.Strategies.AggregationResult? Result, string? Error) Outcome(Func<Federation.Strategies.AggregationResult> aggregate)
    {
        try
        {
            return (aggregate(), null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
    }

    private static double[,] Matrix(double cs12, double cs13, double cs23) => new double[,]
    {
        { 1, cs12, cs13 },
        { cs12, 1, cs23 },
        { cs13, cs23, 1 },
    };
}
