namespace FedShield.Data.Tests;

public class DatasetTests
{
    private static Dataset Small() => new("toy/train", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [2, 1], [0, 1, 1, 2, 0, 2], ["a", "b", "c"]);

    [Fact]
    public void Constructor_LengthMismatch_NamesBothCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset("toy", new float[5], [2], [0, 0, 0], ["a"]));
        Assert.Contains("5 feature values", e.Message, StringComparison.Ordinal);
        Assert.Contains("6 expected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_LabelOutOfRange_NamesSample()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset("toy", new float[2], [1], [0, 3], ["a", "b"]));
        Assert.Contains("label 3 of sample 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CopyBatch_GathersRowsAndLabelsInIndexOrder()
    {
        var d = Small();
        var features = new float[4];
        var labels = new int[2];
        d.CopyBatch([5, 1], features, labels);
        Assert.Equal([10f, 11f, 2f, 3f], features);
        Assert.Equal([2, 1], labels);
    }

    [Fact]
    public void GatherFeatures_HasBatchDimensionFirst()
    {
        var t = Small().GatherFeatures([3, 0, 4]);
        Assert.Equal([3, 2, 1], t.Shape.ToArray());
        Assert.Equal([6f, 7f, 0f, 1f, 8f, 9f], t.Span.ToArray());
    }

    [Fact]
    public void ClassCounts_CountsAllOrSelected()
    {
        var d = Small();
        Assert.Equal([2, 2, 2], d.ClassCounts());
        Assert.Equal([1, 0, 2], d.ClassCounts([0, 3, 5]));
    }

    [Fact]
    public void Subset_CopiesSelectedSamples()
    {
        var s = Small().Subset([2, 2], "toy/dup");
        Assert.Equal(2, s.Count);
        Assert.Equal([4f, 5f, 4f, 5f], s.Features.ToArray());
        Assert.Equal("toy/dup", s.Name);
    }

    [Fact]
    public void Sample_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Small().Sample(6).ToArray());
    }
}
