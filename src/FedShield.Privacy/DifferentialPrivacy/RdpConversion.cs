namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>How a Rényi DP curve is turned into an (ε, δ) guarantee.</summary>
public enum RdpConversion
{
    /// <summary>
    /// Mironov 2017, Proposition 3: an (α, ρ)-RDP mechanism is (ρ + ln(1/δ)/(α − 1), δ)-DP.
    /// </summary>
    Classic,

    /// <summary>
    /// The tighter conversion of Balle et al. ("Hypothesis Testing Interpretations and Rényi
    /// Differential Privacy", AISTATS 2020, Theorem 21) and Canonne, Kamath and Steinke (2020):
    /// ε = ρ + ln((α − 1)/α) − (ln δ + ln α)/(α − 1), clamped at 0.
    /// </summary>
    Improved,
}
