using FedShield.Federation.Messages;

namespace FedShield.Federation.Strategies;

/// <summary>The standard strategies, each a composition of sampler, aggregator and server optimizer.</summary>
public static class Strategies
{
    /// <summary>FedAvg (McMahan et al. 2017): uniform sampling, weighted mean, server SGD with learning rate 1.</summary>
    public static Strategy FedAvg(IClientSampler sampler) =>
        new("fedavg", sampler, new WeightedMeanAggregator(), new ServerSgd(), FitSettings.Default);

    /// <summary>FedAvgM (Hsu et al. 2019): FedAvg with server momentum.</summary>
    public static Strategy FedAvgM(IClientSampler sampler, double serverLearningRate = 1.0, double momentum = 0.9) =>
        new("fedavgm", sampler, new WeightedMeanAggregator(), new ServerSgd(serverLearningRate, momentum), FitSettings.Default);

    /// <summary>FedAdam, FedYogi or FedAdagrad (Reddi et al. 2021).</summary>
    public static Strategy Adaptive(IClientSampler sampler, AdaptiveKind kind, double serverLearningRate = 0.01, double beta1 = 0.9, double beta2 = 0.99, double tau = 1e-3) =>
        new("fed" + kind.ToString().ToLowerInvariant(), sampler, new WeightedMeanAggregator(), new ServerAdaptive(kind, serverLearningRate, beta1, beta2, tau), FitSettings.Default);

    /// <summary>FedProx (Li et al. 2020): FedAvg whose clients add the proximal term (μ/2)·‖w − w_global‖².</summary>
    /// <exception cref="ArgumentOutOfRangeException">μ is negative or not finite.</exception>
    public static Strategy FedProx(IClientSampler sampler, double mu)
    {
        if (!(mu >= 0) || double.IsInfinity(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "FedProx's mu must be non-negative and finite");
        }

        return new("fedprox", sampler, new WeightedMeanAggregator(), new ServerSgd(), new FitSettings { ProximalMu = mu });
    }
}
