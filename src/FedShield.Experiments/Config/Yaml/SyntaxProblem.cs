namespace FedShield.Experiments.Config.Yaml;

/// <summary>Why a text is not well-formed YAML, and where (1-based).</summary>
internal sealed record SyntaxProblem(int Line, int Column, string Message);
