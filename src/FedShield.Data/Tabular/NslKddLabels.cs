namespace FedShield.Data.Tabular;

/// <summary>Which labels <see cref="NslKddLoader"/> gives the NSL-KDD records.</summary>
public enum NslKddLabels
{
    /// <summary>Two classes: <c>normal</c> = 0, <c>attack</c> = 1 (any attack).</summary>
    Binary,

    /// <summary>
    /// Five classes: <c>normal</c>, <c>DoS</c>, <c>Probe</c>, <c>R2L</c>, <c>U2R</c>, the category of the
    /// record's attack by <see cref="NslKddCategories"/>.
    /// </summary>
    Category,
}
