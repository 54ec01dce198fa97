namespace FedShield.Federation.Strategies;

/// <summary>The second-moment rule of an adaptive server optimizer (Reddi et al., ICLR 2021, Algorithm 2).</summary>
public enum AdaptiveKind
{
    /// <summary>FedAdagrad: v ← v + Δ².</summary>
    Adagrad,

    /// <summary>FedAdam: v ← β₂·v + (1 − β₂)·Δ².</summary>
    Adam,

    /// <summary>FedYogi: v ← v − (1 − β₂)·Δ²·sign(v − Δ²).</summary>
    Yogi,
}
