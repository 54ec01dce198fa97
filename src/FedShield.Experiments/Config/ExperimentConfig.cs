using System.Security.Cryptography;
using System.Text;
using FedShield.Experiments.Config.Schema;
using FedShield.Experiments.Config.Yaml;

namespace FedShield.Experiments.Config;

/// <summary>
/// One experiment, as read from its YAML file by <see cref="ExperimentConfigLoader"/>: every setting
/// resolved to its effective value, validated, immutable.
/// </summary>
/// <example>
/// Every key, with its default and allowed values (keys marked required have no default):
/// <code language="yaml">
/// name: mnist-fedavg        # letters, digits, '.', '-', '_'; default: the file name without extension
/// seed: 42                  # integer, default 0: the root of every random stream of the run
/// rounds: 200               # integer >= 1 (required)
/// data:
///   dataset: mnist          # catalog name (required; checked by the runner)
///   dir: null               # where the files are; null: the catalog's default location
///   partition: iid          # iid | dirichlet | shards | quantity
///   alpha: 0.5              # > 0, Dirichlet concentration (dirichlet)
///   shards_per_client: 2    # >= 1 (shards)
///   sigma: 1.0              # >= 0, log-normal spread of client sizes (quantity)
///   validation: 0.0         # [0, 1): fraction of each client's data held out for validation
///   max_train_samples: 0    # 0 = all; else only the first N training samples
///   max_test_samples: 0     # 0 = all; else only the first N test samples
/// model: mnist-cnn          # model spec, e.g. "mlp(hidden=[64])" (required; parsed by the runner)
/// clients:
///   count: 100              # >= 1 (required)
///   fraction: 0.5           # (0, 1], clients sampled per round; or per_round, not both
///   per_round: null         # integer in [1, count]
///   min_replies: 1          # >= 1, replies a round needs; or min_fraction in (0, 1], not both
///   min_fraction: null
///   timeout_s: 600          # > 0, seconds to wait for a client's reply
/// training:
///   epochs: 1               # >= 1 local epochs per round
///   batch_size: 32          # >= 1
///   optimizer: sgd          # sgd | adam | adamw
///   lr: 0.01                # > 0
///   momentum: 0.0           # [0, 1)
///   nesterov: false         # needs sgd with momentum > 0
///   weight_decay: 0.0       # >= 0
///   beta1: 0.9              # [0, 1), adam/adamw
///   beta2: 0.999            # [0, 1), adam/adamw
///   lr_decay: 1.0           # (0, 1], multiplies lr after every round
///   optimizer_state: reset  # reset | keep (between rounds)
///   max_grad_norm: 0        # >= 0, 0 = no clipping
/// strategy:
///   name: fedavg            # fedavg | fedavgm | fedadam | fedyogi | fedadagrad | fedprox
///   server_lr: 1.0          # > 0; default 1 (fedavg, fedavgm, fedprox) or 0.01 (fedadam, fedyogi, fedadagrad)
///   server_momentum: 0.9    # [0, 1), fedavgm
///   beta1: 0.9              # [0, 1), adaptive strategies
///   beta2: 0.99             # [0, 1), adaptive strategies
///   tau: 0.001              # > 0, adaptive strategies (Reddi et al. 2021)
///   mu: 0.01                # >= 0, fedprox proximal term
/// evaluation:
///   every: 1                # >= 1: evaluate the global model every N rounds (the last round always)
///   client_fraction: 0.0    # [0, 1]: fraction of clients doing federated evaluation
/// privacy:
///   secure_aggregation: none  # none | secagg | secagg+ (needs a summable aggregator: mean, norm-bounding with norm_bound)
///   threshold: 0.5          # [0.5, 1): unmasking needs more than this fraction of the round's clients (secagg+: of a group)
///   bits: 32                # 8..64: ring Z_2^bits of the fixed-point encoding
///   clip_range: 1.0         # > 0: each update coordinate clipped to [-c, c] before encoding
///   max_weight: null        # >= 1: largest weight a client sends; null = largest client training set
///   neighbours: null        # secagg+ graph degree (even, >= 2) / NISS neighbours (>= 1); null = protocol default
///   dp: none                # none | local | central | distributed (distributed needs secure_aggregation)
///   clip: 1.0               # > 0: L2 bound on a client's delta (dp, niss)
///   noise_multiplier: null  # > 0: noise std over clip (central, distributed; or local)
///   epsilon: null           # > 0: per-round Gaussian-mechanism epsilon (local, niss)
///   delta: 1e-5             # (0, 1)
///   budget: null            # > 0: stop before the accountant's epsilon would exceed it
///   niss: false             # NISS noise offsetting among clients (seed 004)
///   unit_variance: 0.01     # > 0: NISS unit noise variance
///   tau: null               # >= 0: NISS s ~ N(1, tau^2); null = least tau for colluding_fraction, else 0
///   colluding_fraction: null  # [0, 1]: NISS assumed colluding fraction rho (tau >= sqrt(max(2 rho - 1, 0)))
/// checkpoint:
///   every: 10               # >= 0, 0 = never
/// output: runs              # output root; the run directory is output/&lt;name&gt;-&lt;id&gt;
/// workers: 0                # >= 0, 0 = as many as cores
/// </code>
/// </example>
public sealed record ExperimentConfig
{
    /// <summary>Creates and validates an experiment configuration.</summary>
    /// <param name="name">Experiment name, used in run directory names (<c>name</c>).</param>
    /// <param name="rounds">Federated rounds, &gt;= 1 (<c>rounds</c>).</param>
    /// <param name="data">The <c>data</c> section.</param>
    /// <param name="model">Model spec string, parsed by the runner (<c>model</c>).</param>
    /// <param name="clients">The <c>clients</c> section.</param>
    /// <param name="seed">Root seed of the run (<c>seed</c>).</param>
    /// <param name="training">The <c>training</c> section; null for all defaults.</param>
    /// <param name="strategy">The <c>strategy</c> section; null for all defaults (FedAvg).</param>
    /// <param name="evaluation">The <c>evaluation</c> section; null for all defaults.</param>
    /// <param name="checkpoint">The <c>checkpoint</c> section; null for all defaults.</param>
    /// <param name="output">Output root directory (<c>output</c>).</param>
    /// <param name="workers">Worker threads, 0 for as many as cores (<c>workers</c>).</param>
    /// <param name="attack">The <c>attack</c> section (no attack by default).</param>
    /// <param name="privacy">The <c>privacy</c> section (no privacy mechanism by default).</param>
    /// <exception cref="ArgumentException">An argument is out of range, blank, or (for <paramref name="name"/>) not a safe directory-name part.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="clients"/> is null.</exception>
    public ExperimentConfig(
        string name,
        int rounds,
        DataConfig data,
        string model,
        ClientsConfig clients,
        long seed = ConfigDefaults.Seed,
        TrainingConfig? training = null,
        StrategyConfig? strategy = null,
        EvaluationConfig? evaluation = null,
        CheckpointConfig? checkpoint = null,
        string output = ConfigDefaults.Output,
        int workers = ConfigDefaults.Workers,
        AttackConfig? attack = null,
        PrivacyConfig? privacy = null)
    {
        ConfigKeys.Name.CheckText(name, nameof(name));
        ConfigKeys.Rounds.Check(rounds, nameof(rounds));
        ArgumentNullException.ThrowIfNull(data);
        ConfigKeys.Model.CheckText(model, nameof(model));
        ArgumentNullException.ThrowIfNull(clients);
        ConfigKeys.Output.CheckText(output, nameof(output));
        ConfigKeys.Workers.Check(workers, nameof(workers));
        Name = name;
        Seed = seed;
        Rounds = rounds;
        Data = data;
        Model = model;
        Clients = clients;
        Training = training ?? new TrainingConfig();
        Strategy = strategy ?? new StrategyConfig();
        Evaluation = evaluation ?? new EvaluationConfig();
        Checkpoint = checkpoint ?? new CheckpointConfig();
        Attack = attack ?? new AttackConfig();
        Privacy = privacy ?? new PrivacyConfig();
        if (PrivacyConfig.AggregatorError(Privacy.SecureAggregation, Privacy.Dp, Privacy.Niss, Strategy.Aggregator.Kind, Strategy.Aggregator.NormBound) is { } privacyError)
        {
            throw new ArgumentException(privacyError, nameof(privacy));
        }

        Output = output;
        Workers = workers;
    }

    /// <summary>Experiment name (<c>name</c>).</summary>
    public string Name { get; }

    /// <summary>Root seed; every random stream of the run derives from it (<c>seed</c>).</summary>
    public long Seed { get; }

    /// <summary>Federated rounds (<c>rounds</c>).</summary>
    public int Rounds { get; }

    /// <summary>The <c>data</c> section.</summary>
    public DataConfig Data { get; }

    /// <summary>Model spec string (<c>model</c>), e.g. <c>mlp(hidden=[64])</c>; parsed by the runner.</summary>
    public string Model { get; }

    /// <summary>The <c>clients</c> section.</summary>
    public ClientsConfig Clients { get; }

    /// <summary>The <c>training</c> section.</summary>
    public TrainingConfig Training { get; }

    /// <summary>The <c>strategy</c> section.</summary>
    public StrategyConfig Strategy { get; }

    /// <summary>The <c>evaluation</c> section.</summary>
    public EvaluationConfig Evaluation { get; }

    /// <summary>The <c>checkpoint</c> section.</summary>
    public CheckpointConfig Checkpoint { get; }

    /// <summary>The <c>attack</c> section: the poisoning attack malicious clients run (none by default).</summary>
    public AttackConfig Attack { get; }

    /// <summary>The <c>privacy</c> section: secure aggregation, differential privacy, NISS (all off by default).</summary>
    public PrivacyConfig Privacy { get; }

    /// <summary>Output root directory (<c>output</c>), as written.</summary>
    public string Output { get; }

    /// <summary>Worker threads; 0 for as many as cores (<c>workers</c>).</summary>
    public int Workers { get; }

    /// <summary>
    /// Lowercase hex SHA-256 of the canonical resolved YAML without <c>name</c>, <c>output</c> and
    /// <c>workers</c>: two runs of the same experiment (whatever they are called, wherever they write,
    /// however many threads they use) share it; any change to what a run computes changes it.
    /// </summary>
    public string ConfigHash =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ConfigYamlWriter.Write(this, includeRunPlacement: false))));

    /// <summary>
    /// The resolved configuration as YAML: every key with its effective value, in a fixed order, with
    /// "\n" line endings. <see cref="ExperimentConfigLoader.LoadText"/> reads it back to an equal config.
    /// </summary>
    public string ToYaml() => ConfigYamlWriter.Write(this, includeRunPlacement: true);
}
