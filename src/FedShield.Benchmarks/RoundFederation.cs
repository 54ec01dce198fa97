using FedShield.Data;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Learning;
using FedShield.Learning.Models;
using FedShield.Simulation;

namespace FedShield.Benchmarks;

/// <summary>
/// The federation the round benchmark runs, built the way a user's run builds it: one shared
/// synthetic data set, client k owning samples [k·n, (k+1)·n), a model pool, one
/// <see cref="LearningClient"/> per client (wrapped in a <see cref="CountedClient"/>, which only
/// counts finished fits), the in-process transport and a FedAvg orchestrator that selects every
/// client every round.
/// </summary>
internal sealed class RoundFederation : IDisposable
{
    private RoundFederation(Dataset data, ModelPool pool, SimulationTransport transport, Orchestrator orchestrator)
    {
        Data = data;
        Pool = pool;
        Transport = transport;
        Orchestrator = orchestrator;
    }

    public Dataset Data { get; }

    public ModelPool Pool { get; }

    public SimulationTransport Transport { get; }

    public Orchestrator Orchestrator { get; }

    public void Dispose() => Transport.Dispose();

    public static RoundFederation Build(RoundBenchmarkOptions options, RoundProbe probe)
    {
        var data = BuildData(options);
        var spec = new ModelSpec(options.Workload);
        var blueprint = ModelCatalog.Resolve(spec, ModelInput.Of(data));
        var pool = new ModelPool(blueprint, options.Seed);
        var initial = blueprint.Create(new Random(options.Seed)).ParameterBuffer;

        var training = new LocalTrainingOptions(epochs: options.Epochs, batchSize: options.BatchSize, optimizer: options.Optimizer);
        var indices = Enumerable.Range(0, data.Count).ToArray();
        var clients = new IFederatedClient[options.Clients];
        for (int k = 0; k < clients.Length; k++)
        {
            var client = new LearningClient(k, data, indices.AsMemory(k * options.Samples, options.Samples), ReadOnlyMemory<int>.Empty, pool, training);
            clients[k] = new CountedClient(client, probe);
        }

        var transport = new SimulationTransport(clients, new SimulationOptions(options.Workers));
        var strategy = Strategies.FedAvg(UniformSampler.WithCount(options.Clients));
        var orchestrator = new Orchestrator(transport, strategy, initial, new OrchestratorOptions(options.Seed), observer: probe);
        return new RoundFederation(data, pool, transport, orchestrator);
    }

    // Inputs N(0, 1), labels uniform over the classes, drawn from one seeded generator straight into
    // the arrays the data set keeps (no intermediate copy, so the data's footprint is what it holds).
    private static Dataset BuildData(RoundBenchmarkOptions options)
    {
        bool cnn = options.Workload == "mnist-cnn";
        int[] shape = cnn ? [1, 28, 28] : [RoundBenchmarkOptions.AdultFeatureCount];
        int sampleSize = cnn ? 28 * 28 : RoundBenchmarkOptions.AdultFeatureCount;
        int classes = cnn ? 10 : 2;
        int count = options.Clients * options.Samples;
        var random = new Random(options.Seed);
        var features = new float[count * sampleSize];
        for (int i = 0; i < features.Length; i += 2)
        {
            // Box–Muller: two independent standard normals per pair of uniforms.
            double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            double angle = 2.0 * Math.PI * random.NextDouble();
            features[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < features.Length)
            {
                features[i + 1] = (float)(radius * Math.Sin(angle));
            }
        }

        var labels = new int[count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = random.Next(classes);
        }

        string[] names = cnn ? [.. Enumerable.Range(0, 10).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))] : ["<=50K", ">50K"];
        return new Dataset(cnn ? "synthetic-mnist/train" : "synthetic-adult/train", features, shape, labels, names);
    }
}
