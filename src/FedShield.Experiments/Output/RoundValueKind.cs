namespace FedShield.Experiments.Output;

/// <summary>What a <see cref="RoundValue"/> holds.</summary>
public enum RoundValueKind
{
    /// <summary>Nothing: not measured this round (a NaN number is stored as this kind). Written as JSON <c>null</c>.</summary>
    Null = 0,

    /// <summary>A finite or infinite double.</summary>
    Number,

    /// <summary>A 64-bit integer (counts, bytes, round numbers).</summary>
    Integral,

    /// <summary>A string.</summary>
    Text,

    /// <summary>An array of doubles whose elements may be NaN (not measured).</summary>
    Numbers,
}
