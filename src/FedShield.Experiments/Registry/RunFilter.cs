namespace FedShield.Experiments.Registry;

/// <summary>Which runs <see cref="RunRegistry.List"/> returns; a null criterion matches every run.</summary>
/// <param name="Status">Only runs with this status.</param>
/// <param name="Name">Only runs of the experiment with this exact name.</param>
/// <param name="ConfigHash">Only runs of this resolved configuration (see <c>ExperimentConfig.ConfigHash</c>).</param>
public sealed record RunFilter(RunStatus? Status = null, string? Name = null, string? ConfigHash = null);
