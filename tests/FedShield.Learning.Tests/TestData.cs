using FedShield.Data;
using FedShield.Federation.Messages;
using FedShield.Learning.Models;

namespace FedShield.Learning.Tests;

/// <summary>Tiny seeded data sets and helpers shared by the learning tests.</summary>
internal static class TestData
{
    /// <summary>
    /// <paramref name="perClass"/> samples of each of <paramref name="classes"/> Gaussian blobs in 2-D
    /// (σ = 0.5, centres on a circle of radius 3, so the classes are separable almost surely),
    /// interleaved by class.
    /// </summary>
    public static Dataset Blobs(int classes, int perClass, int seed)
    {
        var random = new Random(seed);
        int n = classes * perClass;
        var features = new float[n * 2];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int label = i % classes;
            double angle = 2 * Math.PI * label / classes;
            labels[i] = label;
            features[2 * i] = (float)((3 * Math.Cos(angle)) + (0.5 * Gaussian(random)));
            features[(2 * i) + 1] = (float)((3 * Math.Sin(angle)) + (0.5 * Gaussian(random)));
        }

        return new Dataset("blobs", features, [2], labels, [.. Enumerable.Range(0, classes).Select(c => $"c{c}")]);
    }

    /// <summary>Random images of the given shape with random labels (for shape and plumbing tests).</summary>
    public static Dataset Noise(int[] sampleShape, int classes, int count, int seed)
    {
        var random = new Random(seed);
        int size = sampleShape.Aggregate(1, (a, b) => a * b);
        var features = new float[count * size];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)random.NextDouble();
        }

        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        return new Dataset("noise", features, sampleShape, labels, [.. Enumerable.Range(0, classes).Select(c => $"c{c}")]);
    }

    public static ModelPool Pool(string spec, Dataset data, int seed = 0) =>
        new(ModelCatalog.Resolve(ModelSpec.Parse(spec), ModelInput.Of(data)), seed);

    /// <summary>Initial global weights drawn as the server would (a fresh model from <paramref name="seed"/>).</summary>
    public static float[] InitialWeights(ModelPool pool, int seed) =>
        pool.Blueprint.Create(new Random(seed)).ParameterBuffer.ToArray();

    public static int[] Range(int start, int count) => [.. Enumerable.Range(start, count)];

    public static FitInstruction Fit(int client, float[] weights, int round = 1, int seed = 42, double mu = 0) =>
        new(round, client, weights, seed, new FitSettings { ProximalMu = mu });

    public static ClientUpdate Update(ClientReply reply) =>
        Assert.IsType<ClientUpdate>(reply);

    public static float[] Add(float[] weights, float[] delta) => [.. weights.Zip(delta, (w, d) => w + d)];

    public static double Norm(float[] values) => Math.Sqrt(values.Sum(v => (double)v * v));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
