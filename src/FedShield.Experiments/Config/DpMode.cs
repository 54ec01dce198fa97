namespace FedShield.Experiments.Config;

/// <summary>Where differential-privacy noise is added (<c>privacy.dp</c>).</summary>
public enum DpMode
{
    /// <summary><c>none</c>: no differential privacy.</summary>
    None,

    /// <summary><c>local</c>: each client clips its delta and adds Gaussian noise before upload (the NISS paper's DP-FedAvg).</summary>
    Local,

    /// <summary><c>central</c>: the server clips each update and adds Gaussian noise to the sum (McMahan et al., ICLR 2018).</summary>
    Central,

    /// <summary><c>distributed</c>: under secure aggregation, each client adds its share of the central noise, so the server only ever sees a noised sum.</summary>
    Distributed,
}
