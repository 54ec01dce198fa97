namespace FedShield.Data.Synthetic;

/// <summary>
/// A seeded classification task needing no files: each class is an isotropic Gaussian around its own
/// mean. Difficulty is set by <see cref="GaussianMixtureOptions.Separation"/>.
/// </summary>
public static class GaussianMixture
{
    /// <summary>Dataset name prefix of both splits.</summary>
    public const string DatasetName = "gaussian-mixture";

    /// <summary>
    /// Draws the class means, then the samples. Means: every coordinate N(0, 1), then all means scaled
    /// together so that the average distance over all pairs of means is exactly <c>Separation·σ</c>.
    /// Samples: <c>mean_k + σ·z</c>, z ~ N(0, I) by Box–Muller from <c>new Random(Seed)</c>; train
    /// (TrainPerClass per class) then test (TestPerClass per class), each split shuffled. The same
    /// options give bit-identical datasets on the same machine.
    /// </summary>
    /// <returns>"gaussian-mixture/train" and "gaussian-mixture/test", classes "class-0"…, features "x0"….</returns>
    public static DatasetPair Generate(GaussianMixtureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var normal = new RandomDraws(random);
        int k = options.Classes, f = options.Features;
        var means = new double[k * f];
        for (int i = 0; i < means.Length; i++)
        {
            means[i] = normal.NextNormal();
        }

        double scale = options.Separation * options.Noise / MeanPairwiseDistance(means, k, f);
        for (int i = 0; i < means.Length; i++)
        {
            means[i] *= scale;
        }

        var classNames = Enumerable.Range(0, k).Select(c => $"class-{c}").ToArray();
        var featureNames = Enumerable.Range(0, f).Select(j => $"x{j}").ToArray();
        var train = Sample(DatasetName + "/train", options.TrainPerClass, means, options, normal, random, classNames, featureNames);
        var test = Sample(DatasetName + "/test", options.TestPerClass, means, options, normal, random, classNames, featureNames);
        return new DatasetPair(train, test);
    }

    private static Dataset Sample(string name, int perClass, double[] means, GaussianMixtureOptions options, RandomDraws normal, Random random, string[] classNames, string[] featureNames)
    {
        int k = options.Classes, f = options.Features, n = k * perClass;
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);

        // Sample j (class j / perClass) is written at position order[j]: the split comes out shuffled.
        var features = new float[n * f];
        var labels = new int[n];
        for (int j = 0; j < n; j++)
        {
            int label = j / perClass, at = order[j];
            labels[at] = label;
            for (int d = 0; d < f; d++)
            {
                features[(at * f) + d] = (float)(means[(label * f) + d] + (options.Noise * normal.NextNormal()));
            }
        }

        return new Dataset(name, features, [f], labels, classNames, featureNames);
    }

    private static double MeanPairwiseDistance(double[] means, int k, int f)
    {
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                double sq = 0;
                for (int d = 0; d < f; d++)
                {
                    double diff = means[(a * f) + d] - means[(b * f) + d];
                    sq += diff * diff;
                }

                sum += Math.Sqrt(sq);
                pairs++;
            }
        }

        // Two N(0, I) draws coincide with probability 0; guard anyway against a zero divisor.
        return sum > 0 ? sum / pairs : 1.0;
    }
}
