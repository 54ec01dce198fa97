namespace FedShield.Privacy.Niss;

/// <summary>
/// The L2 sensitivity Δf_k of what a NISS client releases, p_k·Δ_k with ‖Δ_k‖₂ ≤ C, from which the
/// Gaussian mechanism sets its noise σ_k = c·Δf_k/ε (the NISS paper keeps Δf_k symbolic).
/// </summary>
public enum NissSensitivity
{
    /// <summary>
    /// One of the client's m_k training samples changes: Δf_k = p_k·2C/m_k, the bound 2C/|D_k| of
    /// Wei et al. (IEEE TIFS 2020, the NISS paper's reference for its clipping) scaled by the
    /// aggregation weight.
    /// </summary>
    Sample,

    /// <summary>The client's whole dataset changes: its clipped delta moves by at most 2C, so Δf_k = p_k·2C.</summary>
    Client,
}
