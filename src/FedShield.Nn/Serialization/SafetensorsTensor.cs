namespace FedShield.Nn.Serialization;

/// <summary>One named float32 tensor of a safetensors file: its shape and its values in row-major order.</summary>
public sealed record SafetensorsTensor
{
    /// <summary>Creates the tensor record.</summary>
    /// <exception cref="ArgumentException">The name is empty or reserved, an extent is negative, or the value count does not fill the shape.</exception>
    public SafetensorsTensor(string name, IReadOnlyList<int> shape, float[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        if (name == SafetensorsHeader.MetadataKey)
        {
            throw new ArgumentException($"'{SafetensorsHeader.MetadataKey}' is reserved for metadata and cannot name a tensor.", nameof(name));
        }

        var dims = shape.ToArray();
        if (ShapeText.Count(dims, $"Tensor '{name}'") != values.Length)
        {
            throw new ArgumentException($"Tensor '{name}': {values.Length} values do not fill shape {ShapeText.Format(dims)}.", nameof(values));
        }

        Name = name;
        Shape = dims;
        ValueArray = values;
    }

    /// <summary>The tensor's name (for model state, its PyTorch state_dict name).</summary>
    public string Name { get; }

    /// <summary>The extent of each axis.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The elements in row-major order (not copied: the record shares the array it was given).</summary>
    public ReadOnlyMemory<float> Values => ValueArray;

    internal float[] ValueArray { get; }
}
