using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// Merges the axes from <see cref="StartAxis"/> to <see cref="EndAxis"/> (inclusive; negative
/// values count from the end) into one, as <c>torch.nn.Flatten</c>: by default (N, C, H, W) → (N, C·H·W).
/// A view when the input is contiguous. No state.
/// </summary>
public sealed class Flatten : Module
{
    /// <summary>Creates the layer; the defaults keep the batch axis and merge all others.</summary>
    public Flatten(int startAxis = 1, int endAxis = -1)
    {
        StartAxis = startAxis;
        EndAxis = endAxis;
    }

    /// <summary>The first merged axis.</summary>
    public int StartAxis { get; }

    /// <summary>The last merged axis.</summary>
    public int EndAxis { get; }

    /// <summary>Reshapes <paramref name="input"/> with the selected axes merged.</summary>
    /// <exception cref="ArgumentException">The axes are outside the input's rank or the start lies after the end.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int rank = input.Rank;
        int start = StartAxis < 0 ? StartAxis + rank : StartAxis;
        int end = EndAxis < 0 ? EndAxis + rank : EndAxis;
        if (rank == 0 || start < 0 || end >= rank || start > end)
        {
            throw new ArgumentException($"{this} given input {ShapeText.Format(input.Shape)}: axes {StartAxis}..{EndAxis} do not name a range of its axes.", nameof(input));
        }

        var shape = new int[rank - (end - start)];
        var source = input.Shape;
        int merged = 1;
        for (int i = start; i <= end; i++)
        {
            merged *= source[i];
        }

        for (int i = 0; i < start; i++)
        {
            shape[i] = source[i];
        }

        shape[start] = merged;
        for (int i = end + 1; i < rank; i++)
        {
            shape[i - (end - start)] = source[i];
        }

        return Ops.Reshape(input, shape);
    }

    /// <inheritdoc />
    public override string ToString() => $"Flatten({StartAxis}, {EndAxis})";
}
