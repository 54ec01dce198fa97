using FedShield.Data.Synthetic;

namespace FedShield.Data.Tests.Synthetic;

public class GaussianMixtureTests
{
    [Fact]
    public void Generate_Defaults_HasDocumentedShapeNamesAndBalancedClasses()
    {
        var pair = GaussianMixture.Generate(new GaussianMixtureOptions());

        Assert.Equal("gaussian-mixture/train", pair.Train.Name);
        Assert.Equal("gaussian-mixture/test", pair.Test.Name);
        Assert.Equal([20], pair.Train.SampleShape.ToArray());
        Assert.Equal(10, pair.Train.ClassCount);
        Assert.Equal(Enumerable.Repeat(500, 10), pair.Train.ClassCounts());
        Assert.Equal(Enumerable.Repeat(100, 10), pair.Test.ClassCounts());
        Assert.Equal("x19", pair.Train.FeatureNames![19]);
    }

    [Fact]
    public void Generate_SameSeed_BitIdentical_OtherSeed_Different()
    {
        var options = new GaussianMixtureOptions(classes: 3, features: 4, trainPerClass: 50, testPerClass: 10, seed: 5);
        var a = GaussianMixture.Generate(options);
        var b = GaussianMixture.Generate(options);
        var c = GaussianMixture.Generate(new GaussianMixtureOptions(classes: 3, features: 4, trainPerClass: 50, testPerClass: 10, seed: 6));

        Assert.Equal(a.Train.Features.ToArray(), b.Train.Features.ToArray());
        Assert.Equal(a.Train.Labels.ToArray(), b.Train.Labels.ToArray());
        Assert.Equal(a.Test.Features.ToArray(), b.Test.Features.ToArray());
        Assert.NotEqual(a.Train.Features.ToArray(), c.Train.Features.ToArray());
    }

    [Fact]
    public void Generate_Samples_AreShuffled()
    {
        var labels = GaussianMixture.Generate(new GaussianMixtureOptions(classes: 4, trainPerClass: 100)).Train.Labels.ToArray();

        // Unshuffled, labels would change 3 times; shuffled, about 3/4 of neighbours differ.
        int changes = labels.Zip(labels.Skip(1), (x, y) => x != y ? 1 : 0).Sum();
        Assert.InRange(changes, 250, 350);
    }

    [Fact]
    public void Generate_Separation_SetsMeanDistanceBetweenClassMeans()
    {
        // Large samples: the empirical class means sit close to the drawn ones.
        var pair = GaussianMixture.Generate(new GaussianMixtureOptions(classes: 5, features: 8, trainPerClass: 20_000, testPerClass: 1, separation: 4, noise: 0.5));
        var train = pair.Train;
        var means = new double[5, 8];
        for (int i = 0; i < train.Count; i++)
        {
            for (int d = 0; d < 8; d++)
            {
                means[train.Label(i), d] += train.Sample(i)[d] / 20_000.0;
            }
        }

        double sum = 0;
        for (int a = 0; a < 5; a++)
        {
            for (int b = a + 1; b < 5; b++)
            {
                sum += Math.Sqrt(Enumerable.Range(0, 8).Sum(d => Math.Pow(means[a, d] - means[b, d], 2)));
            }
        }

        Assert.Equal(4 * 0.5, sum / 10, 2);
    }

    [Fact]
    public void Generate_SeparationThree_NearestClassMeanWellAboveChance()
    {
        // Measured 0.683 (seed 0); with 10 classes at mean distance 3σ, neighbours overlap by Φ(−1.5) each.
        Assert.True(NearestClassMean.Accuracy(GaussianMixture.Generate(new GaussianMixtureOptions())) > 0.6);
        Assert.True(NearestClassMean.Accuracy(GaussianMixture.Generate(new GaussianMixtureOptions(separation: 6))) > 0.95);
    }

    [Fact]
    public void Generate_SeparationZero_NearestClassMeanNearChance()
    {
        double accuracy = NearestClassMean.Accuracy(GaussianMixture.Generate(new GaussianMixtureOptions(separation: 0)));
        Assert.InRange(accuracy, 0.05, 0.15);
    }

    [Theory]
    [InlineData(1, 20, 1, 1, 3.0, 1.0)]
    [InlineData(2, 0, 1, 1, 3.0, 1.0)]
    [InlineData(2, 1, 0, 1, 3.0, 1.0)]
    [InlineData(2, 1, 1, 0, 3.0, 1.0)]
    [InlineData(2, 1, 1, 1, -1.0, 1.0)]
    [InlineData(2, 1, 1, 1, double.NaN, 1.0)]
    [InlineData(2, 1, 1, 1, 3.0, 0.0)]
    [InlineData(2, 1, 1, 1, 3.0, double.PositiveInfinity)]
    public void Options_OutOfRange_Throw(int classes, int features, int train, int test, double separation, double noise)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixtureOptions(classes, features, train, test, separation, noise));
    }
}
