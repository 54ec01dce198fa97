using System.Diagnostics;
using FedShield.Nn;
using FedShield.Nn.Losses;
using FedShield.Nn.Models;
using FedShield.Nn.Optim;
using FedShield.Tensors;

namespace FedShield.Benchmarks;

/// <summary>
/// Trains the reference models (the FFL paper's MNIST CNN and Adult MLP) for a few local epochs
/// over one client's share of samples on one thread, and measures samples per second and managed
/// allocations per step; when PyTorch is installed, runs the same training in PyTorch in the same
/// run so the ratio compares like with like.
/// </summary>
public static class EngineBenchmark
{
    private const double LearningRate = 0.01;
    private const double Momentum = 0.9;

    /// <summary>Runs the benchmark; <paramref name="progress"/> receives one line per phase.</summary>
    public static EngineBenchmarkReport Run(EngineBenchmarkOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var measured = new List<(string Name, double Rate, long Alloc, int Steps, double Seconds, double Loss)>();
        foreach (var name in options.Workloads)
        {
            progress?.Report($"FedShield: {name}, {options.Epochs} epoch(s) of {options.Samples} samples, batch {options.BatchSize}");
            measured.Add(Measure(name, options));
        }

        Dictionary<string, double> torchRates = [];
        string note = "not run (--no-reference)";
        if (options.RunReference)
        {
            progress?.Report("PyTorch: running tools/pytorch/bench_reference.py (1 thread)");
            (torchRates, note) = PyTorchReference.Measure(options);
        }

        var results = measured
            .Select(m => new WorkloadResult(m.Name, m.Rate, torchRates.TryGetValue(m.Name, out var t) ? t : null, m.Alloc, m.Steps, m.Seconds, m.Loss))
            .ToList();
        return new EngineBenchmarkReport(CpuInfo.Describe(), results, note);
    }

    private static (string, double, long, int, double, double) Measure(string name, EngineBenchmarkOptions options)
    {
        var random = new Random(options.Seed);
        var workload = Workload.Create(name, random, options.Samples);
        var optimizer = new Sgd(workload.Model, new SgdOptions(learningRate: LearningRate, momentum: Momentum));
        var shuffle = new Random(options.Seed + 1);
        var order = Enumerable.Range(0, options.Samples).ToArray();
        workload.Model.Train();

        for (int e = 0; e < options.WarmupEpochs; e++)
        {
            RunEpoch(workload, optimizer, order, shuffle, options.BatchSize);
        }

        int steps = 0;
        double loss = 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int e = 0; e < options.Epochs; e++)
        {
            loss = RunEpoch(workload, optimizer, order, shuffle, options.BatchSize);
            steps += (options.Samples + options.BatchSize - 1) / options.BatchSize;
        }

        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double seconds = clock.Elapsed.TotalSeconds;
        return (name, options.Epochs * (double)options.Samples / seconds, allocated / steps, steps, seconds, loss);
    }

    // One pass over the samples in a fresh permutation; returns the mean loss.
    private static double RunEpoch(Workload w, Sgd optimizer, int[] order, Random shuffle, int batchSize)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = shuffle.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        double total = 0;
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, order.Length - start);
            var batch = w.LoadBatch(order.AsSpan(start, count));
            using (TensorScope.Begin())
            {
                optimizer.ZeroGrad();
                var loss = w.Loss(w.Model.Forward(batch.Inputs), batch);
                loss.Backward();
                total += loss.Item() * count;
            }

            optimizer.Step();
        }

        return total / order.Length;
    }

    /// <summary>A model, its synthetic data set and its loss, with preallocated batch buffers.</summary>
    private sealed class Workload
    {
        private readonly float[] _inputs;
        private readonly int[] _labels;
        private readonly int _featureCount;
        private readonly Dictionary<int, Batch> _batches = [];
        private readonly Func<int, Batch> _makeBatch;

        private Workload(Module model, float[] inputs, int[] labels, int featureCount, Func<int, Batch> makeBatch, Func<Tensor, Batch, Tensor> loss)
        {
            Model = model;
            _inputs = inputs;
            _labels = labels;
            _featureCount = featureCount;
            _makeBatch = makeBatch;
            Loss = loss;
        }

        public Module Model { get; }

        public Func<Tensor, Batch, Tensor> Loss { get; }

        public static Workload Create(string name, Random random, int samples)
        {
            switch (name)
            {
                case "mnist-cnn":
                {
                    var model = new MnistCnn(random);
                    var ce = new CrossEntropyLoss();
                    const int features = 28 * 28;
                    return new Workload(
                        model,
                        Tensor.Normal(random, 0f, 1f, samples * features).ToArray(),
                        [.. Enumerable.Range(0, samples).Select(_ => random.Next(10))],
                        features,
                        b => new Batch(new float[b * features], [b, 1, 28, 28], new int[b], null),
                        (logits, batch) => ce.Forward(logits, batch.Labels));
                }

                case "adult-mlp":
                {
                    var model = new AdultMlp(random);
                    var bce = new BceWithLogitsLoss();
                    const int features = AdultMlp.DefaultInputCount;
                    return new Workload(
                        model,
                        Tensor.Normal(random, 0f, 1f, samples * features).ToArray(),
                        [.. Enumerable.Range(0, samples).Select(_ => random.Next(2))],
                        features,
                        b => new Batch(new float[b * features], [b, features], new int[b], new float[b]),
                        (logits, batch) => bce.Forward(logits, batch.LabelTensor!));
                }

                default:
                    throw new ArgumentException($"unknown workload '{name}'", nameof(name));
            }
        }

        // Copies the selected samples into a batch buffer kept per batch size (no allocation in steady state).
        public Batch LoadBatch(ReadOnlySpan<int> indices)
        {
            if (!_batches.TryGetValue(indices.Length, out var batch))
            {
                batch = _makeBatch(indices.Length);
                _batches[indices.Length] = batch;
            }

            for (int i = 0; i < indices.Length; i++)
            {
                _inputs.AsSpan(indices[i] * _featureCount, _featureCount).CopyTo(batch.InputData.AsSpan(i * _featureCount, _featureCount));
                batch.Labels[i] = _labels[indices[i]];
                if (batch.LabelValues is not null)
                {
                    batch.LabelValues[i] = _labels[indices[i]];
                }
            }

            return batch;
        }
    }

    private sealed class Batch
    {
        public Batch(float[] inputData, int[] shape, int[] labels, float[]? labelValues)
        {
            InputData = inputData;
            Inputs = Tensor.Wrap(inputData, 0, shape);
            Labels = labels;
            LabelValues = labelValues;
            LabelTensor = labelValues is null ? null : Tensor.Wrap(labelValues, 0, labels.Length, 1);
        }

        public float[] InputData { get; }

        public Tensor Inputs { get; }

        public int[] Labels { get; }

        public float[]? LabelValues { get; }

        public Tensor? LabelTensor { get; }
    }
}
