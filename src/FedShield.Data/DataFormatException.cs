namespace FedShield.Data;

/// <summary>
/// A dataset file is damaged or not in the expected format. The message names the file, the position
/// (byte offset, line or record) and what was expected there.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/> at <paramref name="position"/>.</summary>
    /// <param name="file">The file that is wrong.</param>
    /// <param name="position">Where in the file, in words: "byte 16", "line 12", "record 3".</param>
    /// <param name="problem">What was found and what was expected instead.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public DataFormatException(string file, string position, string problem, Exception? inner = null)
        : base($"{file}: {position}: {problem}", inner)
    {
        File = file;
        Position = position;
        Problem = problem;
    }

    /// <summary>The file that is wrong.</summary>
    public string File { get; }

    /// <summary>Where in the file the problem is ("byte 16", "line 12").</summary>
    public string Position { get; }

    /// <summary>What was found and what was expected.</summary>
    public string Problem { get; }
}
