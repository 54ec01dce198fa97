namespace FedShield.Experiments.Output;

/// <summary>One named value of a <see cref="RoundRow"/>.</summary>
/// <param name="Name">The field name (snake_case for the fixed fields, dotted for mechanism fields such as <c>privacy.epsilon</c>).</param>
/// <param name="Value">The value.</param>
public readonly record struct RoundField(string Name, RoundValue Value);
