namespace FedShield.Data.Tabular;

/// <summary>
/// NSL-KDD as loaded by <see cref="NslKddLoader"/>: the encoded splits, plus per row the difficulty level and
/// the raw attack name, kept apart from the features.
/// </summary>
public sealed class NslKddData
{
    private readonly int[] _trainDifficulty;
    private readonly int[] _testDifficulty;

    internal NslKddData(DatasetPair pair, int[] trainDifficulty, int[] testDifficulty, string[] trainAttacks, string[] testAttacks)
    {
        Pair = pair;
        _trainDifficulty = trainDifficulty;
        _testDifficulty = testDifficulty;
        TrainAttacks = Array.AsReadOnly(trainAttacks);
        TestAttacks = Array.AsReadOnly(testAttacks);
    }

    /// <summary>The training and test datasets (<c>nsl-kdd/train</c>, <c>nsl-kdd/test</c>).</summary>
    public DatasetPair Pair { get; }

    /// <summary>The training dataset, <c>Pair.Train</c>.</summary>
    public Dataset Train => Pair.Train;

    /// <summary>The test dataset, <c>Pair.Test</c>.</summary>
    public Dataset Test => Pair.Test;

    /// <summary>
    /// The difficulty level of each training row (the 43rd field): how many of the 21 classifiers used to
    /// build NSL-KDD labelled the record correctly, in [0, 21].
    /// </summary>
    public ReadOnlyMemory<int> TrainDifficulty => _trainDifficulty;

    /// <summary>The difficulty level of each test row, in [0, 21].</summary>
    public ReadOnlyMemory<int> TestDifficulty => _testDifficulty;

    /// <summary>The attack name of each training row as written in the file (<c>normal</c>, <c>neptune</c>, ...).</summary>
    public IReadOnlyList<string> TrainAttacks { get; }

    /// <summary>The attack name of each test row as written in the file.</summary>
    public IReadOnlyList<string> TestAttacks { get; }
}
