namespace FedShield.Data.Tabular;

/// <summary>How <see cref="AdultLoader"/> forms its training and test splits.</summary>
public enum AdultSplit
{
    /// <summary>The official split: training = <c>adult.data</c>, test = <c>adult.test</c>.</summary>
    Official,

    /// <summary>
    /// Both files concatenated and split at random, stratified by label, with
    /// <see cref="AdultOptions.TrainFraction"/> and <see cref="AdultOptions.Seed"/> (the FFL paper's 80% / 20%
    /// split of all 48,842 records).
    /// </summary>
    Merged,
}
