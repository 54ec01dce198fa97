using FedShield.Data;
using FedShield.Tensors;

namespace FedShield.Learning;

/// <summary>
/// Reusable batch storage of one pooled model: features, labels and binary targets, with the
/// tensors that view them cached per batch size, so that loading a batch allocates nothing once
/// every size has been seen.
/// </summary>
internal sealed class BatchBuffers(IReadOnlyList<int> modelInputShape)
{
    private readonly int[] _perSample = [.. modelInputShape];
    private readonly Dictionary<int, Tensor> _inputs = [];
    private readonly Dictionary<int, Tensor> _targets = [];
    private float[] _features = [];
    private int[] _labels = [];
    private float[] _targetValues = [];
    private int _capacity;

    /// <summary>Samples in the current batch.</summary>
    public int Count { get; private set; }

    /// <summary>The current batch's samples, (Count, …model input shape), a view of the reused storage.</summary>
    public Tensor Inputs
    {
        get
        {
            if (!_inputs.TryGetValue(Count, out var view))
            {
                var shape = new int[_perSample.Length + 1];
                shape[0] = Count;
                _perSample.CopyTo(shape, 1);
                view = Tensor.Wrap(_features, 0, shape);
                _inputs[Count] = view;
            }

            return view;
        }
    }

    /// <summary>The current batch's labels.</summary>
    public ReadOnlySpan<int> Labels => _labels.AsSpan(0, Count);

    /// <summary>Copies the samples at <paramref name="indices"/> of <paramref name="data"/> into the buffers.</summary>
    public void Load(Dataset data, ReadOnlySpan<int> indices)
    {
        Reserve(indices.Length, data.SampleSize);
        data.CopyBatch(indices, _features, _labels);
        Count = indices.Length;
    }

    /// <summary>The current labels as float targets (Count, 1), for a single-logit head.</summary>
    public Tensor BinaryTargets()
    {
        for (int i = 0; i < Count; i++)
        {
            _targetValues[i] = _labels[i];
        }

        if (!_targets.TryGetValue(Count, out var view))
        {
            view = Tensor.Wrap(_targetValues, 0, Count, 1);
            _targets[Count] = view;
        }

        return view;
    }

    private void Reserve(int count, int sampleSize)
    {
        if (count <= _capacity)
        {
            return;
        }

        _capacity = Math.Max(count, _capacity * 2);
        _features = new float[checked(_capacity * sampleSize)];
        _labels = new int[_capacity];
        _targetValues = new float[_capacity];

        // The cached views point at the old arrays.
        _inputs.Clear();
        _targets.Clear();
    }
}
