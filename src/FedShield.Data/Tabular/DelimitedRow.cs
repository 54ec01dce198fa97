namespace FedShield.Data.Tabular;

/// <summary>One row of a delimited text file.</summary>
/// <param name="Line">The 1-based line number in the file, for error messages.</param>
/// <param name="Fields">The trimmed fields.</param>
public sealed record DelimitedRow(int Line, string[] Fields);
