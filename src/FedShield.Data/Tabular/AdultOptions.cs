namespace FedShield.Data.Tabular;

/// <summary>Options of <see cref="AdultLoader.Load"/>, validated when set.</summary>
public sealed record AdultOptions
{
    /// <summary>
    /// What to do with rows that contain <c>?</c>; default <see cref="AdultMissingValues.Impute"/>, which keeps all
    /// 48,842 records the FFL paper counts and gives its MLP's 105 inputs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="AdultMissingValues"/> value.</exception>
    public AdultMissingValues Missing
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Missing), value, "AdultOptions.Missing must be Drop or Impute.");
    } = AdultMissingValues.Impute;

    /// <summary>How to form the splits; default <see cref="AdultSplit.Official"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="AdultSplit"/> value.</exception>
    public AdultSplit Split
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Split), value, "AdultOptions.Split must be Official or Merged.");
    } = AdultSplit.Official;

    /// <summary>Share of all records that go to training with <see cref="AdultSplit.Merged"/>; default 0.8. Ignored by the official split.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not strictly between 0 and 1.</exception>
    public double TrainFraction
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(TrainFraction), value, "AdultOptions.TrainFraction must lie strictly between 0 and 1.");
    } = 0.8;

    /// <summary>Seed of the random split with <see cref="AdultSplit.Merged"/>; default 0. Ignored by the official split.</summary>
    public int Seed { get; init; }
}
