namespace FedShield.Learning.Models;

/// <summary>What a model is built for: the shape of one sample and the number of classes.</summary>
public sealed class ModelInput
{
    private readonly int[] _sampleShape;

    /// <summary>Creates the description.</summary>
    /// <param name="sampleShape">Shape of one sample, e.g. (1, 28, 28) or (105); at least one axis, all positive.</param>
    /// <param name="classCount">Number of classes, ≥ 2.</param>
    /// <exception cref="ArgumentException">The shape is empty or has a non-positive axis, or there are fewer than two classes.</exception>
    public ModelInput(IReadOnlyList<int> sampleShape, int classCount)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (sampleShape.Count == 0 || sampleShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"ModelInput: sample shape ({string.Join(", ", sampleShape)}) must have at least one axis, all positive.", nameof(sampleShape));
        }

        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "ModelInput: a classification task needs at least 2 classes.");
        }

        _sampleShape = [.. sampleShape];
        ClassCount = classCount;
        SampleSize = checked(_sampleShape.Aggregate(1, (a, b) => a * b));
    }

    /// <summary>Shape of one sample.</summary>
    public IReadOnlyList<int> SampleShape => _sampleShape;

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Values per sample (the product of the shape).</summary>
    public int SampleSize { get; }

    /// <summary>The input of a data set: its sample shape and class count.</summary>
    public static ModelInput Of(Data.Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new ModelInput(dataset.SampleShape.ToArray(), dataset.ClassCount);
    }

    /// <summary>Whether the sample shape is exactly <paramref name="shape"/>.</summary>
    public bool HasShape(params ReadOnlySpan<int> shape) => shape.SequenceEqual(_sampleShape);

    /// <summary>The shape as <c>(1, 28, 28)</c>.</summary>
    public string ShapeText => "(" + string.Join(", ", _sampleShape) + ")";

    /// <summary>For example <c>samples (1, 28, 28), 10 classes</c>.</summary>
    public override string ToString() => $"samples {ShapeText}, {ClassCount} classes";
}
