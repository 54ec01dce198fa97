namespace FedShield.Experiments.Reproductions;

/// <summary>The measured outcome of one <see cref="ReproExperiment"/>.</summary>
/// <param name="Benchmark">The benchmark's column label.</param>
/// <param name="Method">The row label.</param>
/// <param name="RunDirectory">Where the run's files are.</param>
/// <param name="Round">The round whose evaluation the figures come from (the last evaluated one).</param>
/// <param name="Ours">Our figures by metric name (<c>te</c>, <c>acc</c>, <c>src_acc</c>, <c>asr</c>; accuracies in percent).</param>
/// <param name="Paper">The paper's figures by metric name.</param>
/// <param name="Reused">Whether a completed run with the same configuration was found and reused.</param>
public sealed record ReproRow(
    string Benchmark,
    string Method,
    string RunDirectory,
    int Round,
    IReadOnlyDictionary<string, double> Ours,
    IReadOnlyDictionary<string, double> Paper,
    bool Reused);
