using FedShield.Data.Flows;
using FedShield.Data.Synthetic;

namespace FedShield.Data.Tests.Synthetic;

public class SyntheticFlowsTests
{
    private static readonly Lazy<DatasetPair> Default = new(() => SyntheticFlows.Generate(new SyntheticFlowOptions()));

    [Fact]
    public void Generate_Defaults_HasDocumentedClassesShapeAndNames()
    {
        var pair = Default.Value;

        Assert.Equal("synthetic-flows/train", pair.Train.Name);
        Assert.Equal("synthetic-flows/test", pair.Test.Name);
        Assert.Equal(["benign", "syn-flood", "udp-lag"], pair.Train.ClassNames);
        Assert.Equal([10], pair.Train.SampleShape.ToArray());
        Assert.Equal(6000, pair.Train.Count);
        Assert.Equal(2000, pair.Test.Count);
        Assert.Equal("flow-duration", pair.Train.FeatureNames![0]);
    }

    [Fact]
    public void Generate_ClassCounts_AreExactlyBalanced()
    {
        var pair = SyntheticFlows.Generate(new SyntheticFlowOptions(trainFlows: 1001, testFlows: 500, attackClasses: 4, seed: 3));

        // 1001 = 5·200 + 1 and 500 = 5·100: quotas differ by at most one flow.
        Assert.Equal([201, 200, 200, 200, 200], pair.Train.ClassCounts());
        Assert.Equal([100, 100, 100, 100, 100], pair.Test.ClassCounts());
        Assert.Equal(["benign", "syn-flood", "udp-lag", "dns-amplification", "ntp-amplification"], pair.Train.ClassNames);
    }

    [Fact]
    public void Generate_SameSeed_BitIdentical_OtherSeed_Different()
    {
        var a = SyntheticFlows.Generate(new SyntheticFlowOptions(trainFlows: 300, testFlows: 100, seed: 9));
        var b = SyntheticFlows.Generate(new SyntheticFlowOptions(trainFlows: 300, testFlows: 100, seed: 9));
        var c = SyntheticFlows.Generate(new SyntheticFlowOptions(trainFlows: 300, testFlows: 100, seed: 10));

        Assert.Equal(a.Train.Features.ToArray(), b.Train.Features.ToArray());
        Assert.Equal(a.Train.Labels.ToArray(), b.Train.Labels.ToArray());
        Assert.Equal(a.Test.Features.ToArray(), b.Test.Features.ToArray());
        Assert.NotEqual(a.Train.Features.ToArray(), c.Train.Features.ToArray());
    }

    [Fact]
    public void Generate_Features_FiniteAndStandardisedWithTrainStatistics()
    {
        var pair = Default.Value;
        Assert.All(pair.Test.Features.ToArray(), v => Assert.True(float.IsFinite(v)));
        var rows = pair.Train.Features.Span;
        for (int c = 0; c < 10; c++)
        {
            double sum = 0, sq = 0;
            for (int r = 0; r < pair.Train.Count; r++)
            {
                double v = rows[(r * 10) + c];
                Assert.True(double.IsFinite(v));
                sum += v;
                sq += v * v;
            }

            double mean = sum / pair.Train.Count;
            Assert.True(Math.Abs(mean) < 1e-4, $"column {c}: mean {mean}");
            Assert.True(Math.Abs(Math.Sqrt((sq / pair.Train.Count) - (mean * mean)) - 1) < 1e-3, $"column {c}: std");
        }
    }

    [Fact]
    public void Generate_Flows_LearnableByNearestClassMean()
    {
        // Measured 0.920 (seed 0, three classes); the spread scale keeps it short of trivial.
        Assert.InRange(NearestClassMean.Accuracy(Default.Value), 0.85, 0.97);
    }

    [Fact]
    public void Generate_Windows_ShapeLabelsAndMoreLearnableThanSingleFlows()
    {
        var flows = Default.Value;
        var windows = SyntheticFlows.Generate(new SyntheticFlowOptions(windowLength: 5));

        Assert.Equal([5, 10], windows.Train.SampleShape.ToArray());
        Assert.Null(windows.Train.FeatureNames);
        Assert.InRange(windows.Train.Count, 4000, 6000 - 4);

        // Measured 0.950 against 0.920: consecutive flows of a session share offsets and AR(1) noise.
        Assert.True(NearestClassMean.Accuracy(windows) > NearestClassMean.Accuracy(flows) + 0.01);
    }

    [Fact]
    public void Generate_Windows_AreRunsOfOneSession()
    {
        var options = new SyntheticFlowOptions(trainFlows: 400, testFlows: 100, windowLength: 3, windowStride: 2, seed: 4);
        var flows = SyntheticFlows.Generate(new SyntheticFlowOptions(trainFlows: 400, testFlows: 100, seed: 4));
        var windows = SyntheticFlows.Generate(options);

        // Replay the generator's random stream to get the train split's session lengths.
        var random = new Random(4);
        var stream = SyntheticFlows.GenerateStream(400, options, random, new RandomDraws(random));
        var expected = SequenceWindows.Build(flows.Train.Features.Span, 10, flows.Train.Labels.Span, stream.SessionLengths, 3, 2);

        Assert.Equal(stream.Labels, flows.Train.Labels.ToArray());
        Assert.Equal(expected.Features, windows.Train.Features.ToArray());
        Assert.Equal(expected.Labels, windows.Train.Labels.ToArray());
        Assert.Equal(stream.SessionLengths.Sum(n => SequenceWindows.CountWindows(n, 3, 2)), windows.Train.Count);
        Assert.All(expected.LastRows, last => Assert.Equal(flows.Train.Label(last), flows.Train.Label(last - 2)));
    }

    [Fact]
    public void GenerateStream_Sessions_AreSingleClassAndCorrelated()
    {
        var options = new SyntheticFlowOptions(trainFlows: 4000, sessionLength: 20, correlation: 0.7, seed: 2);
        var random = new Random(2);
        var stream = SyntheticFlows.GenerateStream(4000, options, random, new RandomDraws(random));

        Assert.Equal(4000, stream.SessionLengths.Sum());
        Assert.InRange(stream.SessionLengths.Average(), 14, 22);

        // Benign neighbours inside a session share offset and AR(1) noise: their flow durations (log scale)
        // correlate; first flows of successive benign sessions are independent draws.
        var within = new List<(double X, double Y)>();
        var across = new List<(double X, double Y)>();
        int start = 0, previousBenignStart = -1;
        foreach (int n in stream.SessionLengths)
        {
            for (int t = start + 1; t < start + n; t++)
            {
                Assert.Equal(stream.Labels[start], stream.Labels[t]);
                if (stream.Labels[t] == 0)
                {
                    within.Add((stream.Rows[(t - 1) * 10], stream.Rows[t * 10]));
                }
            }

            if (stream.Labels[start] == 0)
            {
                if (previousBenignStart >= 0)
                {
                    across.Add((stream.Rows[previousBenignStart * 10], stream.Rows[start * 10]));
                }

                previousBenignStart = start;
            }

            start += n;
        }

        Assert.True(Correlation(within) > 0.6, $"within {Correlation(within)}");
        Assert.True(Math.Abs(Correlation(across)) < 0.25, $"across {Correlation(across)} over {across.Count} pairs");
    }

    [Theory]
    [InlineData(0, 1, 2, 20.0, 0.7, 1)]
    [InlineData(1, 0, 2, 20.0, 0.7, 1)]
    [InlineData(1, 1, 0, 20.0, 0.7, 1)]
    [InlineData(1, 1, 5, 20.0, 0.7, 1)]
    [InlineData(1, 1, 2, 0.5, 0.7, 1)]
    [InlineData(1, 1, 2, 20.0, 1.0, 1)]
    [InlineData(1, 1, 2, 20.0, -0.1, 1)]
    [InlineData(1, 1, 2, 20.0, 0.7, 0)]
    public void Options_OutOfRange_Throw(int train, int test, int attacks, double session, double correlation, int stride)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticFlowOptions(train, test, attacks, session, correlation, windowStride: stride));
    }

    [Fact]
    public void Options_WindowLengthZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticFlowOptions(windowLength: 0));
    }

    private static double Correlation(List<(double X, double Y)> pairs)
    {
        double mx = pairs.Average(p => p.X), my = pairs.Average(p => p.Y);
        double sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        double sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx));
        double syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        return sxy / Math.Sqrt(sxx * syy);
    }
}
