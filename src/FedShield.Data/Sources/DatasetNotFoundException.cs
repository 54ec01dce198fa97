namespace FedShield.Data.Sources;

/// <summary>
/// A dataset's files were found nowhere and could not be downloaded. The message lists every place looked
/// at, why each did not qualify, and how to provide the files.
/// </summary>
public sealed class DatasetNotFoundException : Exception
{
    /// <summary>Creates the error for <paramref name="dataset"/> with the full explanation in <paramref name="message"/>.</summary>
    public DatasetNotFoundException(string dataset, string message)
        : base(message)
    {
        Dataset = dataset;
    }

    /// <summary>The dataset that was looked for.</summary>
    public string Dataset { get; }
}
