namespace FedShield.Data;

/// <summary>A dataset's training and test splits, which share classes and feature encoding.</summary>
/// <param name="Train">The training split, to be partitioned across clients.</param>
/// <param name="Test">The global test split the server evaluates on.</param>
public sealed record DatasetPair(Dataset Train, Dataset Test)
{
    /// <summary>The dataset's name without the split suffix.</summary>
    public string Name
    {
        get
        {
            int slash = Train.Name.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? Train.Name : Train.Name[..slash];
        }
    }
}
