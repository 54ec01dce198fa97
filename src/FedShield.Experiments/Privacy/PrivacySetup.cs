using System.Globalization;
using FedShield.Experiments.Config;
using FedShield.Experiments.Running;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Experiments.Privacy;

/// <summary>
/// What the <c>privacy</c> section adds to a federation: clients wrapped by local-DP noise and by the
/// client side of a round protocol (secure aggregation, NISS), the strategy with that protocol and
/// any DP aggregator, and the privacy accountant with its budget.
/// </summary>
public sealed class PrivacySetup
{
    private PrivacySetup(IReadOnlyList<IFederatedClient> clients, Strategy strategy, PrivacyAccountingMetric? accounting, IStoppingRule? budget, string? note, IReadOnlyList<IRoundMetric>? metrics = null)
    {
        Metrics = metrics ?? [];
        Clients = clients;
        Strategy = strategy;
        Accounting = accounting;
        Budget = budget;
        Note = note;
    }

    /// <summary>The federation's clients, wrapped as the privacy settings need.</summary>
    public IReadOnlyList<IFederatedClient> Clients { get; }

    /// <summary>The strategy with its protocol and aggregator for the privacy settings.</summary>
    public Strategy Strategy { get; }

    /// <summary>Round metrics the protocols add (FFL's trust curves); the accountant is <see cref="Accounting"/>.</summary>
    public IReadOnlyList<IRoundMetric> Metrics { get; }

    /// <summary>The privacy accountant's round metric (<c>privacy.epsilon</c>), or null without DP.</summary>
    public PrivacyAccountingMetric? Accounting { get; }

    /// <summary>The rule that stops training before the privacy budget is exceeded, or null.</summary>
    public IStoppingRule? Budget { get; }

    /// <summary>A line for the run's notes describing the privacy mechanisms, or null without any.</summary>
    public string? Note { get; }

    /// <summary>Applies the config's privacy section.</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="clients">The federation's clients (after any attack wrapping).</param>
    /// <param name="strategy">The strategy the rest of the config built.</param>
    /// <param name="clientSamples">Each client's number of training samples, by position in <paramref name="clients"/>.</param>
    /// <param name="fflModel">What FFL needs of the model and the attack (honest clients, attackers, layer sizes, output layer); null for one mask over the whole update and no attackers.</param>
    /// <exception cref="ExperimentSetupException">The budget is smaller than one round spends, or a protocol cannot run with the strategy.</exception>
    public static PrivacySetup Create(ExperimentConfig config, IReadOnlyList<IFederatedClient> clients, Strategy strategy, IReadOnlyList<int> clientSamples, FflModel? fflModel = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(clientSamples);
        var p = config.Privacy;
        if (!p.IsActive)
        {
            return new PrivacySetup(clients, strategy, null, null, null);
        }

        var perRound = config.Clients.SampledPerRound;
        var samplingRate = (double)perRound / config.Clients.Count;
        var notes = new List<string>();
        var wrapped = clients.ToArray();
        PrivacyAccountingMetric? accounting = null;

        switch (p.Dp)
        {
            case DpMode.Local:
            {
                var sensitivity = GaussianMechanism.LocalTrainingSensitivity(p.Clip, clientSamples.Min());
                var options = p.NoiseMultiplier is { } z
                    ? new LocalDpOptions(p.Clip, z * p.Clip)
                    : LocalDpOptions.ForBudget(p.Clip, p.Epsilon!.Value, p.Delta, sensitivity);
                wrapped = [.. wrapped.Select(c => (IFederatedClient)new LocalDpClient(c, options))];
                accounting = new PrivacyAccountingMetric(new PrivacyAccountingOptions(samplingRate, options.NoiseStd / (p.NoiseMultiplier is null ? sensitivity : p.Clip), p.Delta));
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"local DP: clip {p.Clip:G4}, noise std {options.NoiseStd:G4} per coordinate"));
                break;
            }

            case DpMode.Central:
            {
                var options = new CentralDpOptions(p.Clip, p.NoiseMultiplier!.Value, perRound);
                strategy = strategy with { Name = strategy.Name + "+dp", Aggregator = new CentralDpAggregator(options) };
                accounting = new PrivacyAccountingMetric(PrivacyAccountingOptions.For(options, config.Clients.Count, p.Delta));
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"central DP: clip {p.Clip:G4}, noise multiplier {p.NoiseMultiplier:G4}"));
                break;
            }

            case DpMode.Distributed:
            {
                var options = new LocalDpOptions(p.Clip, p.NoiseMultiplier!.Value * p.Clip).ShareAmong(perRound);
                wrapped = [.. wrapped.Select(c => (IFederatedClient)new LocalDpClient(c, options))];
                strategy = strategy with { Name = strategy.Name + "+ddp", Aggregator = new WeightedMeanAggregator { Unweighted = true } };
                accounting = new PrivacyAccountingMetric(new PrivacyAccountingOptions(samplingRate, p.NoiseMultiplier!.Value, p.Delta));
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"distributed DP: clip {p.Clip:G4}, each client adds noise std {options.NoiseStd:G4} (multiplier {p.NoiseMultiplier:G4} over {perRound} clients)"));
                break;
            }
        }

        var metrics = new List<IRoundMetric>();
        (wrapped, strategy, var protocolNote, var protocolAccounting) = PrivacyProtocols.Apply(config, wrapped, strategy, clientSamples, fflModel, metrics);
        accounting ??= protocolAccounting;
        if (protocolNote is not null)
        {
            notes.Add(protocolNote);
        }

        PrivacyBudget? budget = null;
        if (p.Budget is { } b && accounting is not null)
        {
            try
            {
                budget = new PrivacyBudget(accounting, b);
            }
            catch (ArgumentException ex)
            {
                throw new ExperimentSetupException($"privacy.budget: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
            }
        }

        return new PrivacySetup(wrapped, strategy, accounting, budget, string.Join("; ", notes), metrics);
    }
}
