namespace FedShield.Data;

/// <summary>A catalog dataset once loaded.</summary>
/// <param name="Entry">What was loaded.</param>
/// <param name="Data">Its training and test splits.</param>
/// <param name="Location">The folder its files were read from, or a description of how it was generated.</param>
public sealed record LoadedDataset(CatalogEntry Entry, DatasetPair Data, string Location);
