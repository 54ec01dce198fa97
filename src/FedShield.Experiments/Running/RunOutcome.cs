using FedShield.Experiments.Output;

namespace FedShield.Experiments.Running;

/// <summary>How a run ended.</summary>
/// <param name="Directory">The run directory.</param>
/// <param name="Summary">The summary written to <c>summary.json</c>.</param>
/// <param name="StopReason">Why the loop stopped (budget reached, interrupted, ...).</param>
public sealed record RunOutcome(string Directory, RunSummary Summary, string StopReason);
