namespace FedShield.Data.Flows;

/// <summary>The CIC-DDoS2019 train/test datasets built by <see cref="CicDdosLoader.Load"/>, with the cleaning report.</summary>
public sealed class CicDdosData
{
    internal CicDdosData(DatasetPair pair, IReadOnlyList<string> featureNames, CicDdosCleaningReport report)
    {
        Pair = pair;
        FeatureNames = featureNames;
        Report = report;
    }

    /// <summary>The train and test splits ("cic-ddos2019/train", "cic-ddos2019/test").</summary>
    public DatasetPair Pair { get; }

    /// <summary>The training split: flows of shape (F), or windows of shape (L, F).</summary>
    public Dataset Train => Pair.Train;

    /// <summary>The test split, standardised with the training statistics.</summary>
    public Dataset Test => Pair.Test;

    /// <summary>
    /// The F per-flow feature names (trimmed CSV header names of the kept columns, in header order). In
    /// flow mode they are also the datasets' <see cref="Dataset.FeatureNames"/>; in window mode the
    /// datasets carry no feature names and step <c>t</c> of a window holds these F features.
    /// </summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>What was read, removed and replaced.</summary>
    public CicDdosCleaningReport Report { get; }
}
