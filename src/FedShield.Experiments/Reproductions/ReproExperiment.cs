using FedShield.Experiments.Config;

namespace FedShield.Experiments.Reproductions;

/// <summary>One run of a reproduction: a row (method) of a table for one benchmark (column group).</summary>
/// <param name="Benchmark">The benchmark's column label, e.g. <c>Adult-MLP</c>.</param>
/// <param name="Method">The row label, e.g. <c>Multi-Krum</c>.</param>
/// <param name="Slug">The run's directory name inside the reproduction's output folder.</param>
/// <param name="Config">The experiment to run.</param>
/// <param name="Paper">The paper's figures for this cell, by metric name (empty when the paper has none).</param>
public sealed record ReproExperiment(string Benchmark, string Method, string Slug, ExperimentConfig Config, IReadOnlyDictionary<string, double> Paper);
