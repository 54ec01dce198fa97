namespace FedShield.Federation.Messages;

/// <summary>
/// Round-level settings the strategy sends with every fit instruction. Typed, so that strategies and
/// clients agree at compile time; a later mechanism adds a property here rather than a string key.
/// </summary>
public sealed record FitSettings
{
    /// <summary>Settings that change nothing in local training (FedAvg).</summary>
    public static FitSettings Default { get; } = new();

    /// <summary>
    /// FedProx's proximal coefficient μ: the client minimises its loss plus (μ/2)·‖w − w_global‖².
    /// Zero disables the term.
    /// </summary>
    public double ProximalMu { get; init; }
}
