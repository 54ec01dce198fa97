namespace FedShield.Federation.Metrics;

/// <summary>One named measurement.</summary>
/// <param name="Name">A snake_case name, stable across runs (it becomes a CSV column).</param>
/// <param name="Value">The value (NaN when undefined, e.g. an accuracy over zero samples).</param>
public readonly record struct Metric(string Name, double Value);
