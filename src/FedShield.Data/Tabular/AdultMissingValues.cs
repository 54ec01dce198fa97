namespace FedShield.Data.Tabular;

/// <summary>What <see cref="AdultLoader"/> does with the <c>?</c> cells of the Adult files.</summary>
public enum AdultMissingValues
{
    /// <summary>Drop every row that has a <c>?</c> in any attribute (2,399 training and 1,221 test rows).</summary>
    Drop,

    /// <summary>
    /// Keep every row: a missing categorical cell takes the training rows' most frequent value of that
    /// attribute, a missing numeric cell the training rows' mean.
    /// </summary>
    Impute,
}
