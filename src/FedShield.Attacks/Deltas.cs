using FedShield.Federation.Messages;

namespace FedShield.Attacks;

/// <summary>Turning honest updates into deltas and poisoned deltas into updates.</summary>
internal static class Deltas
{
    /// <summary>
    /// The update's values as a delta from <paramref name="weights"/>, converted in place (the
    /// receiver of an update owns its array), or null when the lengths differ.
    /// </summary>
    public static float[]? InPlace(ClientUpdate update, ReadOnlySpan<float> weights)
    {
        var values = update.Values;
        if (values is null || values.Length != weights.Length)
        {
            return null;
        }

        if (update.Kind == UpdateKind.Weights)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] -= weights[i];
            }
        }

        return values;
    }

    /// <summary>The honest update with <paramref name="delta"/> as its values, marked a delta; sample count and metrics kept.</summary>
    public static ClientUpdate Poisoned(ClientUpdate honest, float[] delta) => honest with { Values = delta, Kind = UpdateKind.Delta };

    /// <summary>The failure for an honest update whose length is not the model's.</summary>
    public static ClientFailure WrongLength(ClientUpdate update, FitInstruction instruction) =>
        new(update.ClientId, instruction.Round, FailureKind.Malformed, $"the honest update has {update.Values?.Length ?? 0} values; the model has {instruction.Weights.Length}");

    /// <summary>Multiplies every value by <paramref name="factor"/> in place.</summary>
    public static void Scale(Span<float> values, double factor)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(factor * values[i]);
        }
    }
}
