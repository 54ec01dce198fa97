using FedShield.Data;
using FedShield.Learning.Models;

namespace FedShield.Learning;

/// <summary>Checks that a data set and a pool's model fit together.</summary>
internal static class DataCompatibility
{
    /// <exception cref="ArgumentException">The sample shape or the class count differs from the model's task, or the model has buffers.</exception>
    public static void Check(string owner, Dataset data, ModelPool pool)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pool);
        var input = pool.Blueprint.Input;
        if (!input.HasShape(data.SampleShape) || input.ClassCount != data.ClassCount)
        {
            var dataInput = $"samples ({string.Join(", ", data.SampleShape.ToArray())}), {data.ClassCount} classes";
            throw new ArgumentException($"{owner}: data set '{data.Name}' has {dataInput}, but model '{pool.Blueprint.Name}' was built for {input}.", nameof(data));
        }

        if (pool.BufferCount > 0)
        {
            throw new ArgumentException(
                $"{owner}: model '{pool.Blueprint.Name}' has {pool.BufferCount} buffer values (running statistics such as batch norm's). Buffers are not part of the federated weight vector, so results would depend on which pooled instance ran; use a model without buffers.",
                nameof(pool));
        }
    }

    /// <summary>Throws unless every index lies in [0, data.Count).</summary>
    public static void CheckIndices(string owner, Dataset data, ReadOnlySpan<int> indices, string what)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)data.Count)
            {
                throw new ArgumentOutOfRangeException(what, indices[i], $"{owner}: {what} index {indices[i]} at position {i} is outside data set '{data.Name}' of {data.Count} samples.");
            }
        }
    }
}
