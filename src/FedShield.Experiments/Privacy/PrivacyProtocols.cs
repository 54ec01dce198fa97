using System.Globalization;
using FedShield.Experiments.Config;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Federation.Rounds;
using FedShield.Privacy.DifferentialPrivacy;
using FedShield.Privacy.Ffl;
using FedShield.Privacy.Niss;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Experiments.Privacy;

/// <summary>The round protocols of the <c>privacy</c> section: secure aggregation and NISS.</summary>
internal static class PrivacyProtocols
{
    public static (IFederatedClient[] Clients, Strategy Strategy, string? Note, PrivacyAccountingMetric? Accounting) Apply(
        ExperimentConfig config, IFederatedClient[] clients, Strategy strategy, IReadOnlyList<int> clientSamples, FflModel? fflModel, List<IRoundMetric> metrics)
    {
        var p = config.Privacy;
        if (p.Ffl)
        {
            return ApplyFfl(config, clients, strategy, fflModel ?? new FflModel(clients, [], null, null), metrics);
        }

        if (p.Niss)
        {
            return ApplyNiss(config, clients, strategy, clientSamples.Min());
        }

        if (p.SecureAggregation != SecureAggregationKind.None)
        {
            return ApplySecureAggregation(config, clients, strategy, clientSamples.Max());
        }

        return (clients, strategy, null, null);
    }

    private static (IFederatedClient[], Strategy, string?, PrivacyAccountingMetric?) ApplySecureAggregation(ExperimentConfig config, IFederatedClient[] clients, Strategy strategy, int largestClient)
    {
        var p = config.Privacy;
        SecureAggregationOptions options;
        try
        {
            options = new SecureAggregationOptions(
                p.SecureAggregation == SecureAggregationKind.SecAggPlus ? SecureAggregationVariant.SecAggPlus : SecureAggregationVariant.SecAgg,
                thresholdFraction: p.Threshold,
                clipRange: p.ClipRange,
                bits: p.Bits,
                maxWeight: p.MaxWeight ?? largestClient,
                neighbours: p.SecureAggregation == SecureAggregationKind.SecAggPlus ? p.Neighbours : null);
        }
        catch (ArgumentException ex)
        {
            throw new Running.ExperimentSetupException($"privacy: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
        }

        var protocol = new SecureAggregationProtocol(options);
        var wrapped = clients.Select(c => (IFederatedClient)new SecureAggregationClient(c)).ToArray();
        strategy = strategy with { Name = $"{strategy.Name}+{protocol.Name}", Protocol = protocol };
        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"secure aggregation: {protocol.Name}, threshold more than {p.Threshold:G3} of the {(options.Variant == SecureAggregationVariant.SecAggPlus ? "group" : "round's clients")}, {p.Bits}-bit ring, coordinates clipped to ±{p.ClipRange:G4}, weights up to {options.MaxWeight}");
        return (wrapped, strategy, note, null);
    }

    // FFL (seeds/003): its own selection (Procedure 2) and aggregation; attackers play attack.ffl_strategy.
    private static (IFederatedClient[], Strategy, string?, PrivacyAccountingMetric?) ApplyFfl(ExperimentConfig config, IFederatedClient[] clients, Strategy strategy, FflModel model, List<IRoundMetric> metrics)
    {
        var p = config.Privacy;
        var options = new FflOptions(
            Math.Min(1.0, (double)config.Clients.SampledPerRound / config.Clients.Count),
            alpha: p.FflAlpha,
            reputation: p.FflReputation,
            layerSizes: model.LayerSizes,
            lastLayer: model.LastLayer,
            matchingSeed: Federation.SeedStreams.Derive(config.Seed, Federation.SeedStreams.Sampling, -7));
        var protocol = new FflProtocol(options);
        var malicious = model.Malicious.ToHashSet();
        var attackerStrategy = (FflAttackerStrategy)config.Attack.FflStrategy;
        var wrapped = clients.Select((c, i) => (IFederatedClient)(malicious.Contains(c.Id)
            ? FflClient.Attacker(c, model.Honest.FirstOrDefault(h => h.Id == c.Id), attackerStrategy)
            : new FflClient(c))).ToArray();
        strategy = strategy with { Name = strategy.Name + "+ffl", Sampler = protocol.Sampler, Protocol = protocol };
        metrics.Add(new FflTrustMetric(protocol, model.Malicious));
        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"FFL: fragments exchanged in pairs (MODP-2048 Diffie-Hellman masks, one-time pads, RSA-3072 OAEP seeds); {(p.FflReputation ? $"reputation defence with alpha {p.FflAlpha:G3}, C = {options.SelectionFraction:G3} of the candidates each round" : "no reputation defence (every participant trusted)")}{(malicious.Count > 0 ? $"; attackers play strategy {config.Attack.FflStrategy}" : string.Empty)}");
        return (wrapped, strategy, note, null);
    }

    private static (IFederatedClient[], Strategy, string?, PrivacyAccountingMetric?) ApplyNiss(ExperimentConfig config, IFederatedClient[] clients, Strategy strategy, int smallestClient)
    {
        var p = config.Privacy;

        // sigma_k as in the paper's DP-FedAvg (its Corollary 1): c·Δf/epsilon with Wei et al.'s Δf = 2C/m for the
        // smallest local set, the same calibration as privacy.dp local, so tau = 1 is the paper's DP-FedAvg baseline.
        var noiseStd = p.NoiseMultiplier is { } z
            ? z * p.Clip
            : GaussianMechanism.NoiseStd(p.Epsilon!.Value, p.Delta, GaussianMechanism.LocalTrainingSensitivity(p.Clip, smallestClient));
        NissOptions options;
        try
        {
            options = new NissOptions(
                unitVariance: p.UnitVariance,
                epsilon: p.Epsilon ?? 1,
                delta: p.Delta,
                clipNorm: p.Clip,
                tau: p.EffectiveTau,
                collusionFraction: p.ColludingFraction,
                neighbourCount: p.Neighbours,
                noiseStd: noiseStd);
        }
        catch (ArgumentException ex)
        {
            throw new Running.ExperimentSetupException($"privacy: {ex.Message}", ex);
        }

        var wrapped = clients.Select(c => (IFederatedClient)new NissClient(c, options)).ToArray();
        strategy = strategy with { Name = strategy.Name + "+niss", Protocol = new NissProtocol(options) };

        // Each upload is a Gaussian mechanism on the client's clipped update: accounted per client, sampled with
        // the round's participation rate, with noise multiplier c/epsilon (sigma_k = c·Δf/epsilon) or z.
        var multiplier = p.NoiseMultiplier ?? (GaussianMechanism.CalibrationConstant(p.Delta) / p.Epsilon!.Value);
        var accounting = new PrivacyAccountingMetric(new PrivacyAccountingOptions((double)config.Clients.SampledPerRound / config.Clients.Count, multiplier, p.Delta));
        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"NISS: per-round epsilon {(p.Epsilon is { } e ? e.ToString("G4", CultureInfo.InvariantCulture) : "from noise_multiplier")}, delta {p.Delta:G3}, clip {p.Clip:G4}, noise std {noiseStd:G4} per client, unit variance {p.UnitVariance:G4}, tau {p.EffectiveTau:G4}");
        return (wrapped, strategy, note, accounting);
    }
}
