using System.Numerics.Tensors;
using FedShield.Data;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Tensors;

namespace FedShield.Learning;

/// <summary>One client's local training for one round on a rented model.</summary>
internal static class LocalTrainer
{
    /// <summary>
    /// Sets the instruction's weights, trains for the configured epochs (shuffling the indices each
    /// epoch with <c>new Random(instruction.Seed)</c>), and returns the delta new − global. Returns a
    /// failure instead when the loss or the weights stop being finite.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled between batches.</exception>
    public static ClientReply Fit(ModelLease lease, Dataset data, ReadOnlySpan<int> trainIndices, LocalTrainingOptions options, FitInstruction instruction, ClientOptimizerState? keptState, CancellationToken cancellationToken)
    {
        var instance = lease.Instance;
        var model = instance.Model;
        var blueprint = instance.Pool.Blueprint;
        var batch = instance.Batch;
        var global = instruction.Weights.Span;
        model.SetParameters(global);
        model.Train();

        var optimizer = instance.Optimizer(options.Optimizer);
        if (keptState is null)
        {
            optimizer.ResetState();
        }
        else
        {
            keptState.Restore(optimizer);
        }

        optimizer.LearningRate = options.LearningRateForRound(instruction.Round);
        float mu = (float)instruction.Settings.ProximalMu;

        var order = instance.Order(trainIndices.Length);
        trainIndices.CopyTo(order);
        var random = new Random(instruction.Seed);
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            Shuffle(order, random);
            int batchNumber = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batchNumber++;
                int count = Math.Min(options.BatchSize, order.Length - start);
                batch.Load(data, order.Slice(start, count));
                float loss;
                using (TensorScope.Begin())
                {
                    model.ZeroGrad();
                    var logits = model.Forward(batch.Inputs);
                    Scoring.CheckLogits(blueprint, logits, count);
                    var lossTensor = Scoring.Loss(blueprint.Head, logits, batch, sum: false);
                    lossTensor.Backward();
                    loss = lossTensor.Item();
                    correct += Scoring.CountCorrect(blueprint.Head, logits, batch.Labels, [], []);
                }

                if (!float.IsFinite(loss))
                {
                    return Diverged(instruction, $"the training loss became {loss} in epoch {epoch}, batch {batchNumber} (learning rate {optimizer.LearningRate:G6})");
                }

                lossSum += (double)loss * count;
                seen += count;
                if (mu > 0)
                {
                    ProximalTerm.AddGradientInPlace(model.GradientBuffer, model.ParameterBuffer, global, mu);
                }

                if (options.MaxGradNorm > 0)
                {
                    GradientClipping.ClipInPlace(model.GradientBuffer, options.MaxGradNorm);
                }

                optimizer.Step();
            }
        }

        var delta = new float[model.ParameterCount];
        TensorPrimitives.Subtract(model.ParameterBuffer, global, delta);
        int bad = FirstNonFinite(delta);
        if (bad >= 0)
        {
            return Diverged(instruction, $"weight {bad} became {delta[bad]}");
        }

        keptState?.Capture(optimizer);
        var metrics = MetricSet.Of(new Metric(LearningClient.TrainLossMetric, lossSum / seen), new Metric(LearningClient.TrainAccuracyMetric, correct / (double)seen));
        return new ClientUpdate(instruction.ClientId, instruction.Round, delta, UpdateKind.Delta, trainIndices.Length, metrics);
    }

    // Fisher–Yates, written out so the permutation depends only on the seed, not on the runtime's Shuffle.
    private static void Shuffle(Span<int> order, Random random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static ClientFailure Diverged(FitInstruction instruction, string what) =>
        new(instruction.ClientId, instruction.Round, FailureKind.Error, $"local training diverged: {what}.");
}
