using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// A lookup table of <see cref="NumEmbeddings"/> vectors of size <see cref="EmbeddingDim"/>, as
/// <c>torch.nn.Embedding</c>: indices of shape S → vectors of shape (S…, D). The gradient of a row
/// accumulates once per occurrence of its index. State: <c>weight</c> (V, D) drawn from N(0, 1).
/// </summary>
public sealed class Embedding : Module
{
    /// <summary>Creates the table, drawing its rows from N(0, 1) with <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Embedding(int numEmbeddings, int embeddingDim, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numEmbeddings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDim);
        ArgumentNullException.ThrowIfNull(random);
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        Weight = RegisterParameter("weight", numEmbeddings, embeddingDim);
        Init.Normal(Weight.Value.Span, 0, 1, random);
    }

    /// <summary>The number of rows V (valid indices are 0 … V − 1).</summary>
    public int NumEmbeddings { get; }

    /// <summary>The size D of each vector.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The table, shape (V, D).</summary>
    public Parameter Weight { get; }

    /// <summary>Looks up <paramref name="indices"/> (row-major, of shape <paramref name="shape"/>) → (shape…, D).</summary>
    /// <exception cref="ArgumentException">The shape does not hold the number of indices given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index lies outside [0, V).</exception>
    public Tensor Forward(int[] indices, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(shape);
        if (ShapeText.Count(shape, ToString()) != indices.Length)
        {
            throw new ArgumentException($"{this}: {indices.Length} indices given for shape {ShapeText.Format(shape)}.", nameof(shape));
        }

        foreach (int i in indices)
        {
            if ((uint)i >= (uint)NumEmbeddings)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"{this}: index {i} is outside [0, {NumEmbeddings}).");
            }
        }

        var rows = Ops.IndexSelect(Weight.Value, 0, (int[])indices.Clone());
        return Ops.Reshape(rows, [.. shape, EmbeddingDim]);
    }

    /// <summary>Looks up indices stored as whole numbers in a float tensor of any shape S → (S…, D).</summary>
    /// <exception cref="ArgumentException">An element is not a whole number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index lies outside [0, V).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var values = input.ToArray();
        var indices = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (v != MathF.Floor(v) || !float.IsFinite(v))
            {
                throw new ArgumentException($"{this}: element {i} of the input is {v}, not a whole-number index.", nameof(input));
            }

            if (v < 0 || v >= NumEmbeddings)
            {
                throw new ArgumentOutOfRangeException(nameof(input), v, $"{this}: index {v} is outside [0, {NumEmbeddings}).");
            }

            indices[i] = (int)v;
        }

        return Forward(indices, input.Shape.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"Embedding({NumEmbeddings}, {EmbeddingDim})";
}
