using FedShield.Tensors;

namespace FedShield.Data;

/// <summary>
/// An in-memory labelled dataset: <see cref="Count"/> samples of shape <see cref="SampleShape"/> stored
/// contiguously as float32, one integer label per sample. A dataset is read-only once built and is shared
/// by every simulated client: a client's partition is a list of indices into it, never a copy.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _labels;
    private readonly int[] _sampleShape;
    private readonly string[] _classNames;
    private readonly string[]? _featureNames;

    /// <summary>Wraps <paramref name="features"/> (row-major, <c>labels.Length × prod(sampleShape)</c>) and <paramref name="labels"/> without copying; the caller gives up ownership.</summary>
    /// <exception cref="ArgumentException">The lengths disagree, a label is outside [0, classNames.Count), or a feature name list has the wrong length.</exception>
    public Dataset(string name, float[] features, int[] sampleShape, int[] labels, IReadOnlyList<string> classNames, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (sampleShape.Length == 0 || sampleShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"Dataset '{name}': sample shape [{string.Join(", ", sampleShape)}] must have at least one dimension, all positive.", nameof(sampleShape));
        }

        long sampleSize = 1;
        foreach (int d in sampleShape)
        {
            sampleSize *= d;
        }

        if (sampleSize * labels.Length != features.LongLength)
        {
            throw new ArgumentException($"Dataset '{name}': {features.LongLength} feature values do not match {labels.Length} samples of shape [{string.Join(", ", sampleShape)}] ({sampleSize * labels.Length} expected).", nameof(features));
        }

        if (classNames.Count == 0)
        {
            throw new ArgumentException($"Dataset '{name}': at least one class name is required.", nameof(classNames));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
            {
                throw new ArgumentException($"Dataset '{name}': label {labels[i]} of sample {i} is outside [0, {classNames.Count}).", nameof(labels));
            }
        }

        if (featureNames is not null && featureNames.Count != sampleSize)
        {
            throw new ArgumentException($"Dataset '{name}': {featureNames.Count} feature names for {sampleSize} features per sample.", nameof(featureNames));
        }

        Name = name;
        _features = features;
        _labels = labels;
        _sampleShape = (int[])sampleShape.Clone();
        SampleSize = (int)sampleSize;
        _classNames = [.. classNames];
        _featureNames = featureNames is null ? null : [.. featureNames];
    }

    /// <summary>The dataset's name with its split, e.g. <c>mnist/train</c>.</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>Shape of one sample, e.g. (1, 28, 28) for MNIST or (105) for Adult.</summary>
    public ReadOnlySpan<int> SampleShape => _sampleShape;

    /// <summary>Number of float values per sample (the product of <see cref="SampleShape"/>).</summary>
    public int SampleSize { get; }

    /// <summary>All samples, row-major: sample <c>i</c> occupies <c>[i·SampleSize, (i+1)·SampleSize)</c>.</summary>
    public ReadOnlyMemory<float> Features => _features;

    /// <summary>The label of every sample, each in [0, <see cref="ClassCount"/>).</summary>
    public ReadOnlyMemory<int> Labels => _labels;

    /// <summary>Number of classes.</summary>
    public int ClassCount => _classNames.Length;

    /// <summary>Class names; label <c>k</c> is <c>ClassNames[k]</c>.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>Names of the flattened features (tabular data), or null (images).</summary>
    public IReadOnlyList<string>? FeatureNames => _featureNames;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Sample(int index)
    {
        if ((uint)index >= (uint)_labels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Dataset '{Name}': sample {index} is outside [0, {Count}).");
        }

        return _features.AsSpan(index * SampleSize, SampleSize);
    }

    /// <summary>The label of sample <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>Number of samples per class over the whole dataset.</summary>
    public int[] ClassCounts() => CountClasses(_labels, ClassCount);

    /// <summary>Number of samples per class among <paramref name="indices"/>.</summary>
    public int[] ClassCounts(ReadOnlySpan<int> indices)
    {
        var counts = new int[ClassCount];
        foreach (int i in indices)
        {
            counts[_labels[i]]++;
        }

        return counts;
    }

    /// <summary>
    /// Copies the samples at <paramref name="indices"/> into <paramref name="features"/>
    /// (<c>indices.Length × SampleSize</c>) and their labels into <paramref name="labels"/>.
    /// </summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> features, Span<int> labels)
    {
        if (features.Length < indices.Length * SampleSize || labels.Length < indices.Length)
        {
            throw new ArgumentException($"Dataset '{Name}': a batch of {indices.Length} needs {indices.Length * SampleSize} feature slots and {indices.Length} label slots; got {features.Length} and {labels.Length}.");
        }

        for (int b = 0; b < indices.Length; b++)
        {
            Sample(indices[b]).CopyTo(features.Slice(b * SampleSize, SampleSize));
            labels[b] = _labels[indices[b]];
        }
    }

    /// <summary>The samples at <paramref name="indices"/> as a tensor of shape (B, ...SampleShape).</summary>
    public Tensor GatherFeatures(ReadOnlySpan<int> indices)
    {
        var shape = new int[_sampleShape.Length + 1];
        shape[0] = indices.Length;
        _sampleShape.CopyTo(shape, 1);
        var t = Tensor.Zeros(shape);
        var span = t.Span;
        for (int b = 0; b < indices.Length; b++)
        {
            Sample(indices[b]).CopyTo(span.Slice(b * SampleSize, SampleSize));
        }

        return t;
    }

    /// <summary>A new dataset holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    public Dataset Subset(ReadOnlySpan<int> indices, string? name = null)
    {
        var features = new float[(long)indices.Length * SampleSize];
        var labels = new int[indices.Length];
        CopyBatch(indices, features, labels);
        return new Dataset(name ?? Name, features, _sampleShape, labels, _classNames, _featureNames);
    }

    internal static int[] CountClasses(ReadOnlySpan<int> labels, int classCount)
    {
        var counts = new int[classCount];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        return counts;
    }
}
