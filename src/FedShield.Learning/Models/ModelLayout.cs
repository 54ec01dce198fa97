namespace FedShield.Learning.Models;

/// <summary>Where a model's tensors sit in its flat parameter buffer (the layout protocols that work per layer need).</summary>
public static class ModelLayout
{
    /// <summary>Parameters per tensor in buffer order, or null when the tensors do not tile the buffer exactly.</summary>
    public static IReadOnlyList<int>? TensorSizes(ModelBlueprint blueprint)
    {
        ArgumentNullException.ThrowIfNull(blueprint);

        // Only the shapes matter; the weights come from a fixed seed and are thrown away.
        var model = blueprint.Create(new Random(0));
        var tensors = model.NamedParameters().Select(p => p.Parameter).OrderBy(p => p.Offset).ToArray();
        var offset = 0;
        foreach (var t in tensors)
        {
            if (t.Offset != offset)
            {
                return null;
            }

            offset += t.Count;
        }

        return offset == model.ParameterBuffer.Length && tensors.Length > 0 ? [.. tensors.Select(t => t.Count)] : null;
    }

    /// <summary>The coordinates of the output layer (the tensors of the last named module), or the whole buffer for a model without named parameters.</summary>
    public static Range OutputLayer(ModelBlueprint blueprint)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        var parameters = blueprint.Create(new Random(0)).NamedParameters();
        if (parameters.Count == 0)
        {
            return Range.All;
        }

        static string Owner(string name) => name.Contains('.', StringComparison.Ordinal) ? name[..name.LastIndexOf('.')] : "";
        var last = Owner(parameters[^1].Name);
        var layer = parameters.Where(p => Owner(p.Name) == last).Select(p => p.Parameter).ToArray();
        return layer.Min(p => p.Offset)..layer.Max(p => p.Offset + p.Count);
    }
}
