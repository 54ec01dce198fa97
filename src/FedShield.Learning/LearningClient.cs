using FedShield.Data;
using FedShield.Data.Partitions;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Learning;

/// <summary>
/// An honest federated client that trains a model on its share of a shared data set. It owns no
/// model: each call rents one from a <see cref="ModelPool"/>, sets the instruction's weights, and
/// gives it back. Work runs synchronously on the caller's thread (the transport's worker) and the
/// returned task is already complete. A client serves one call at a time.
/// </summary>
/// <remarks>
/// Fit: the instruction is checked (client id, round ≥ 1, one finite weight per parameter, μ ≥ 0)
/// and a <see cref="FailureKind.Malformed"/> failure returned when it is wrong. Training runs
/// <see cref="LocalTrainingOptions.Epochs"/> epochs, reshuffling the training indices each epoch
/// with <c>new Random(instruction.Seed)</c>, in mini-batches of <see cref="LocalTrainingOptions.BatchSize"/>
/// (the last one smaller), at learning rate lr·d^(round−1). With FedProx (μ &gt; 0) each step adds
/// μ·(w − w_global) to the gradient, then clips it when <see cref="LocalTrainingOptions.MaxGradNorm"/>
/// is set. The reply is a <see cref="UpdateKind.Delta"/> (new − global) weighted by the number of
/// training samples, with <see cref="TrainLossMetric"/> and <see cref="TrainAccuracyMetric"/>.
/// A loss or weight that stops being finite gives an <see cref="FailureKind.Error"/> failure.
/// </remarks>
public sealed class LearningClient : ITransformableClient, ICheckpointable
{
    /// <summary>Metric: the mean training loss over every sample of every epoch of the round (in training mode, before each step).</summary>
    public const string TrainLossMetric = "train_loss";

    /// <summary>Metric: the fraction of training samples predicted right over every epoch of the round (each judged before its step).</summary>
    public const string TrainAccuracyMetric = "train_accuracy";

    private readonly Dataset _data;
    private readonly ReadOnlyMemory<int> _trainIndices;
    private readonly ReadOnlyMemory<int> _validationIndices;
    private readonly ModelPool _pool;
    private readonly ClientOptimizerState? _keptState;
    private readonly string _owner;

    /// <summary>Creates the client.</summary>
    /// <param name="id">The client's id (≥ 0), unique within the federation.</param>
    /// <param name="train">The shared data set the indices point into (read, never copied).</param>
    /// <param name="trainIndices">The client's training samples (at least one).</param>
    /// <param name="validationIndices">The client's validation samples (may be empty).</param>
    /// <param name="pool">Where models are rented from; built for this data set's sample shape and classes.</param>
    /// <param name="options">How to train.</param>
    /// <exception cref="ArgumentException">The data set does not fit the pool's model, the model has buffers (batch norm), there are no training samples, or an index lies outside the data set.</exception>
    public LearningClient(int id, Dataset train, ReadOnlyMemory<int> trainIndices, ReadOnlyMemory<int> validationIndices, ModelPool pool, LocalTrainingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentNullException.ThrowIfNull(options);
        _owner = $"LearningClient {id}";
        DataCompatibility.Check(_owner, train, pool);
        if (trainIndices.IsEmpty)
        {
            throw new ArgumentException($"{_owner}: no training samples; a client needs at least one.", nameof(trainIndices));
        }

        DataCompatibility.CheckIndices(_owner, train, trainIndices.Span, "training");
        DataCompatibility.CheckIndices(_owner, train, validationIndices.Span, "validation");
        Id = id;
        _data = train;
        _trainIndices = trainIndices;
        _validationIndices = validationIndices;
        _pool = pool;
        Options = options;
        _keptState = options.OptimizerState == OptimizerStatePolicy.Keep ? new ClientOptimizerState(options.Optimizer.Kind, pool.ParameterCount) : null;
    }

    /// <summary>A client for one partition of a shared data set: its id, training and validation indices come from <paramref name="partition"/>.</summary>
    /// <exception cref="ArgumentException">As the constructor.</exception>
    public static LearningClient ForPartition(ClientPartition partition, Dataset train, ModelPool pool, LocalTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return new LearningClient(partition.Client, train, partition.Train, partition.Validation, pool, options);
    }

    /// <inheritdoc />
    public int Id { get; }

    /// <summary>How the client trains.</summary>
    public LocalTrainingOptions Options { get; }

    /// <summary>Training samples (the weight of the client's updates).</summary>
    public int TrainCount => _trainIndices.Length;

    /// <summary>Validation samples.</summary>
    public int ValidationCount => _validationIndices.Length;

    /// <summary>Trains from the instruction's weights; see the class remarks for the procedure and the failures.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked between batches); the returned task is cancelled.</exception>
    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        try
        {
            if ((Malformed(instruction.ClientId, instruction.Round, instruction.Weights.Span) ?? BadMu(instruction.Settings)) is { } problem)
            {
                return new ValueTask<ClientReply>(new ClientFailure(Id, instruction.Round, FailureKind.Malformed, problem));
            }

            using var lease = _pool.Rent();
            return new ValueTask<ClientReply>(LocalTrainer.Fit(lease, _data, _trainIndices.Span, Options, instruction, _keptState, cancellationToken));
        }
        catch (OperationCanceledException e)
        {
            return Cancelled(e, cancellationToken);
        }
    }

    /// <summary>
    /// Scores the instruction's weights on the validation samples: mean loss and accuracy (eval
    /// mode, no gradients). With no validation samples the reply has 0 samples and NaN loss and
    /// accuracy. A wrong client id, round or weight count gives a <see cref="FailureKind.Malformed"/> failure.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked between batches); the returned task is cancelled.</exception>
    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        try
        {
            if (Malformed(instruction.ClientId, instruction.Round, instruction.Weights.Span) is { } problem)
            {
                return new ValueTask<ClientReply>(new ClientFailure(Id, instruction.Round, FailureKind.Malformed, problem));
            }

            int n = _validationIndices.Length;
            if (n == 0)
            {
                return new ValueTask<ClientReply>(new ClientEvaluation(Id, instruction.Round, 0, double.NaN, double.NaN, MetricSet.Empty));
            }

            using var lease = _pool.Rent();
            lease.Model.SetParameters(instruction.Weights.Span);
            var (lossSum, correct) = BatchEvaluation.Run(lease, _data, _validationIndices.Span, Options.EvaluationBatchSize, [], [], cancellationToken);
            return new ValueTask<ClientReply>(new ClientEvaluation(Id, instruction.Round, n, lossSum / n, correct / (double)n, MetricSet.Empty));
        }
        catch (OperationCanceledException e)
        {
            return Cancelled(e, cancellationToken);
        }
    }

    /// <summary>
    /// A client with the same id, model pool and options that trains on a transformed copy of this
    /// client's training samples: the samples are copied out of the shared data set, handed to
    /// <paramref name="transform"/> with <c>new Random(seed)</c>, and kept, together with an untouched
    /// copy of the validation samples, in a data set of the new client's own. This client and the
    /// shared data set are left unchanged. A kept optimizer state is not carried over: the new client
    /// starts with a fresh one.
    /// </summary>
    /// <param name="transform">The change to apply to the training samples.</param>
    /// <param name="seed">Seeds the <see cref="Random"/> handed to the transform.</param>
    /// <exception cref="ArgumentException">The transform rejects the samples (its own error), or leaves a label outside [0, classes) or a feature that is not finite.</exception>
    public LearningClient WithLocalDataTransform(ILocalDataTransform transform, int seed)
    {
        ArgumentNullException.ThrowIfNull(transform);
        int train = _trainIndices.Length;
        int validation = _validationIndices.Length;
        int size = _data.SampleSize;
        var features = new float[(long)(train + validation) * size];
        var labels = new int[train + validation];
        _data.CopyBatch(_trainIndices.Span, features.AsSpan(0, train * size), labels.AsSpan(0, train));
        _data.CopyBatch(_validationIndices.Span, features.AsSpan(train * size), labels.AsSpan(train));

        var shape = _data.SampleShape.ToArray();
        var trainFeatures = features.AsSpan(0, train * size);
        var trainLabels = labels.AsSpan(0, train);
        transform.Apply(trainFeatures, trainLabels, new LocalDataLayout(train, shape, _data.ClassCount), new Random(seed));
        CheckTransformed(transform, trainFeatures, trainLabels, size);

        var copy = new Dataset($"{_data.Name} ({transform.Name})", features, shape, labels, _data.ClassNames, _data.FeatureNames);
        return new LearningClient(Id, copy, Enumerable.Range(0, train).ToArray(), Enumerable.Range(train, validation).ToArray(), _pool, Options);
    }

    /// <inheritdoc />
    IFederatedClient ITransformableClient.WithLocalDataTransform(ILocalDataTransform transform, int seed) => WithLocalDataTransform(transform, seed);

    /// <summary>
    /// The client's state for a checkpoint: with <see cref="OptimizerStatePolicy.Keep"/>, the
    /// optimizer's name, step count and vectors once the client has trained; otherwise an empty bag.
    /// </summary>
    public StateBag ExportState() => _keptState?.Export() ?? new StateBag();

    /// <summary>Restores a state written by <see cref="ExportState"/>, so a resumed run continues bit for bit.</summary>
    /// <exception cref="ArgumentException">The bag holds optimizer state for another optimizer or model size, or holds state while the policy is <see cref="OptimizerStatePolicy.Reset"/>.</exception>
    public void ImportState(StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_keptState is null)
        {
            if (state.Arrays.Count > 0 || state.Values.Count > 0)
            {
                throw new ArgumentException($"{_owner}: the saved state holds optimizer state, but this client resets its optimizer every round.", nameof(state));
            }

            return;
        }

        _keptState.Import(state, _owner);
    }

    // A cancelled task when a token was cancelled; otherwise (an unrelated cancellation) a faulted one.
    private static ValueTask<ClientReply> Cancelled(OperationCanceledException e, CancellationToken cancellationToken) =>
        e.CancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<ClientReply>(e.CancellationToken)
        : cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<ClientReply>(cancellationToken)
        : ValueTask.FromException<ClientReply>(e);

    private string? Malformed(int clientId, int round, ReadOnlySpan<float> weights)
    {
        if (clientId != Id)
        {
            return $"the instruction is addressed to client {clientId}, not {Id}";
        }

        if (round < 1)
        {
            return $"round {round} is not a round number (rounds start at 1)";
        }

        if (weights.Length != _pool.ParameterCount)
        {
            return $"{weights.Length} weights were sent for model '{_pool.Blueprint.Name}' of {_pool.ParameterCount} parameters";
        }

        for (int i = 0; i < weights.Length; i++)
        {
            if (!float.IsFinite(weights[i]))
            {
                return $"weight {i} is {weights[i]}";
            }
        }

        return null;
    }

    private void CheckTransformed(ILocalDataTransform transform, ReadOnlySpan<float> features, ReadOnlySpan<int> labels, int sampleSize)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)_data.ClassCount)
            {
                throw new ArgumentException($"{_owner}: transform '{transform.Name}' gave training sample {i} label {labels[i]}, outside [0, {_data.ClassCount}).", nameof(transform));
            }
        }

        for (int i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                throw new ArgumentException($"{_owner}: transform '{transform.Name}' left feature {i % sampleSize} of training sample {i / sampleSize} at {features[i]}.", nameof(transform));
            }
        }
    }

    private static string? BadMu(FitSettings settings) =>
        double.IsFinite(settings.ProximalMu) && settings.ProximalMu >= 0 ? null : $"the proximal coefficient μ = {settings.ProximalMu} must be finite and ≥ 0";
}
