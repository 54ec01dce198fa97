using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Config;

/// <summary>The <c>strategy</c> section: how the server combines client updates into the next global model.</summary>
public sealed record StrategyConfig
{
    /// <summary>Creates and validates the strategy settings; every argument has the YAML default.</summary>
    /// <param name="kind">The strategy (<c>strategy.name</c>).</param>
    /// <param name="serverLearningRate">Server learning rate, &gt; 0 (<c>strategy.server_lr</c>); null for the strategy's
    /// default: 1 for FedAvg, FedAvgM and FedProx, 0.01 for FedAdam, FedYogi and FedAdagrad.</param>
    /// <param name="serverMomentum">FedAvgM's server momentum, in [0, 1) (<c>strategy.server_momentum</c>).</param>
    /// <param name="beta1">Adaptive strategies' first-moment decay, in [0, 1) (<c>strategy.beta1</c>).</param>
    /// <param name="beta2">Adaptive strategies' second-moment decay, in [0, 1) (<c>strategy.beta2</c>).</param>
    /// <param name="tau">Adaptive strategies' degree of adaptivity ε, &gt; 0 (<c>strategy.tau</c>; Reddi et al. 2021).</param>
    /// <param name="mu">FedProx's proximal coefficient, &gt;= 0 (<c>strategy.mu</c>).</param>
    /// <param name="aggregator">The aggregation rule (<c>strategy.aggregator</c> and its keys); the weighted mean by default.</param>
    /// <exception cref="ArgumentException">An argument is out of range or <paramref name="kind"/> is undefined.</exception>
    public StrategyConfig(
        StrategyKind kind = ConfigDefaults.Strategy,
        double? serverLearningRate = null,
        double serverMomentum = ConfigDefaults.ServerMomentum,
        double beta1 = ConfigDefaults.ServerBeta1,
        double beta2 = ConfigDefaults.ServerBeta2,
        double tau = ConfigDefaults.Tau,
        double mu = ConfigDefaults.Mu,
        AggregatorConfig? aggregator = null)
    {
        ConfigTokens.ToToken(kind);
        double lr = serverLearningRate ?? DefaultServerLearningRate(kind);
        ConfigKeys.StrategyServerLearningRate.Check(lr, nameof(serverLearningRate));
        ConfigKeys.StrategyServerMomentum.Check(serverMomentum, nameof(serverMomentum));
        ConfigKeys.StrategyBeta1.Check(beta1, nameof(beta1));
        ConfigKeys.StrategyBeta2.Check(beta2, nameof(beta2));
        ConfigKeys.StrategyTau.Check(tau, nameof(tau));
        ConfigKeys.StrategyMu.Check(mu, nameof(mu));
        Kind = kind;
        ServerLearningRate = lr;
        ServerMomentum = serverMomentum;
        Beta1 = beta1;
        Beta2 = beta2;
        Tau = tau;
        Mu = mu;
        Aggregator = aggregator ?? new AggregatorConfig();
    }

    /// <summary>How the round's updates are combined (<c>strategy.aggregator</c> and its parameters).</summary>
    public AggregatorConfig Aggregator { get; }

    /// <summary>The strategy (<c>strategy.name</c>).</summary>
    public StrategyKind Kind { get; }

    /// <summary>Server learning rate (<c>strategy.server_lr</c>), the strategy's default when none was given.</summary>
    public double ServerLearningRate { get; }

    /// <summary>FedAvgM's server momentum (<c>strategy.server_momentum</c>).</summary>
    public double ServerMomentum { get; }

    /// <summary>Adaptive strategies' first-moment decay (<c>strategy.beta1</c>).</summary>
    public double Beta1 { get; }

    /// <summary>Adaptive strategies' second-moment decay (<c>strategy.beta2</c>).</summary>
    public double Beta2 { get; }

    /// <summary>Adaptive strategies' ε, added to the root of the second moment (<c>strategy.tau</c>).</summary>
    public double Tau { get; }

    /// <summary>FedProx's proximal coefficient (<c>strategy.mu</c>).</summary>
    public double Mu { get; }

    /// <summary>Whether the strategy is one of Reddi et al.'s adaptive server optimisers (FedAdam, FedYogi, FedAdagrad).</summary>
    public bool IsAdaptive => IsAdaptiveKind(Kind);

    /// <summary>The server learning rate a strategy uses when none is given: 0.01 for adaptive strategies, else 1.</summary>
    public static double DefaultServerLearningRate(StrategyKind kind) =>
        IsAdaptiveKind(kind) ? ConfigDefaults.AdaptiveServerLearningRate : ConfigDefaults.ServerLearningRate;

    private static bool IsAdaptiveKind(StrategyKind kind) =>
        kind is StrategyKind.FedAdam or StrategyKind.FedYogi or StrategyKind.FedAdagrad;
}
