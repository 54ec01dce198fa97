namespace FedShield.Experiments.Config;

/// <summary>The server strategy (YAML key <c>strategy.name</c>).</summary>
public enum StrategyKind
{
    /// <summary><c>fedavg</c>: weighted mean of client models (McMahan et al. 2017).</summary>
    FedAvg,

    /// <summary><c>fedavgm</c>: FedAvg with server momentum <c>strategy.server_momentum</c> (Hsu et al. 2019).</summary>
    FedAvgM,

    /// <summary><c>fedadam</c>: server-side Adam on the averaged update (Reddi et al. 2021).</summary>
    FedAdam,

    /// <summary><c>fedyogi</c>: server-side Yogi on the averaged update (Reddi et al. 2021).</summary>
    FedYogi,

    /// <summary><c>fedadagrad</c>: server-side Adagrad on the averaged update (Reddi et al. 2021).</summary>
    FedAdagrad,

    /// <summary><c>fedprox</c>: FedAvg whose clients add the proximal term (mu/2)·‖w − w_global‖² (Li et al. 2020).</summary>
    FedProx,
}
