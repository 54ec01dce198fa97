using FedShield.Experiments.Config;
using FedShield.Experiments.Output;
using FedShield.Experiments.Running;

namespace FedShield.Experiments.Reproductions;

/// <summary>
/// Tables III and IV of the FFL paper (seeds/003, section VIII-B): FedAvg without attack, then
/// FedAvg, the median, the trimmed mean, Multi-Krum, FoolsGold and FFL (attacker strategies 1 and 2) with 20% attackers running the
/// Gaussian-noise attack (Table III: test error and overall accuracy) or the label-flipping attack
/// (Table IV: test error, source-class accuracy and attack success rate), on Adult-MLP and MNIST-CNN
/// in the paper's settings (section VIII-A).
/// </summary>
public static class FflReproduction
{
    /// <summary>Id of the Gaussian-noise table.</summary>
    public const string Table3 = "ffl-table3";

    /// <summary>Id of the label-flipping table.</summary>
    public const string Table4 = "ffl-table4";

    /// <summary>The benchmarks, in the paper's column order.</summary>
    public static IReadOnlyList<string> Benchmarks { get; } = ["adult", "mnist"];

    /// <summary>The reproductions this class offers.</summary>
    public static IReadOnlyList<string> Ids { get; } = [Table3, Table4];

    // Section VIII-A. Adult: 20 participants, 10 per round, 1 epoch of Adam (lr 0.001, batch 64), 100 rounds.
    private const string AdultYaml = """
        seed: 1
        rounds: 100
        data:
          dataset: adult
          partition: iid
        model: adult-mlp
        clients:
          count: 20
          per_round: 10
        training:
          epochs: 1
          batch_size: 64
          optimizer: adam
          lr: 0.001
        strategy:
          name: fedavg
        evaluation:
          every: 5
        checkpoint:
          every: 20
        """;

    // MNIST: 100 participants, 50 per round, 3 epochs of SGD (lr 0.001, momentum 0.9, batch 64), 200 rounds.
    private const string MnistYaml = """
        seed: 1
        rounds: 200
        data:
          dataset: mnist
          partition: iid
        model: mnist-cnn
        clients:
          count: 100
          per_round: 50
        training:
          epochs: 3
          batch_size: 64
          optimizer: sgd
          lr: 0.001
          momentum: 0.9
        strategy:
          name: fedavg
        evaluation:
          every: 10
        checkpoint:
          every: 10
        """;

    // Shortened settings for CI and a first look: the same models and attacks on less data and fewer
    // rounds. MNIST: 20 clients of 500 images, all of them every round (so every round has exactly the
    // 4 attackers that Multi-Krum's f = 20% assumes), a larger learning rate so that 12 rounds reach a
    // useful accuracy, and for the Gaussian-noise table σ = 2: at the paper's σ = 0.5 our plain
    // averaging degrades but does not collapse in 12 rounds (nor in the full run, docs/results.md).
    private static readonly string[] AdultQuick = ["rounds=30"];
    private static readonly string[] MnistQuick =
    [
        "rounds=12", "clients.count=20", "clients.per_round=20", "data.max_train_samples=10000", "data.max_test_samples=2000",
        "training.lr=0.01", "evaluation.every=4", "checkpoint.every=0",
    ];

    private const string MnistQuickNoise = "attack.sigma=2";

    private static readonly (string Method, string Slug, string[] Sets)[] Methods =
    [
        ("FedAvg (no attacks)", "fedavg-clean", ["attack.type=none"]),
        ("FedAvg", "fedavg", []),
        ("Median", "median", ["strategy.aggregator=median"]),
        ("Trimmed mean", "trimmed-mean", ["strategy.aggregator=trimmed-mean", "strategy.trim_beta=0.2"]),
        ("Multi-Krum", "multi-krum", ["strategy.aggregator=multi-krum", "strategy.byzantine_fraction=0.2"]),
        ("FoolsGold", "foolsgold", ["strategy.aggregator=foolsgold"]),

        // FFL (section VIII-B): the real protocol with its reputation defence; the attackers play strategy 1 or 2.
        // Participants must be able to pair, so a round needs only 2 replies (FFL selects an even number itself).
        ("FFL Strategy 1", "ffl-s1", ["privacy.ffl=true", "attack.ffl_strategy=1", "clients.min_replies=2"]),
        ("FFL Strategy 2", "ffl-s2", ["privacy.ffl=true", "attack.ffl_strategy=2", "clients.min_replies=2"]),
    ];

    // The paper's Table III (TE, All-Acc %) and Table IV (TE, Src-Acc %, ASR %), FL rows.
    private static readonly Dictionary<(string Table, string Benchmark, string Slug), double[]> PaperFigures = new()
    {
        [(Table3, "adult", "fedavg-clean")] = [0.349, 82.56],
        [(Table3, "adult", "fedavg")] = [1.198, 75.08],
        [(Table3, "adult", "median")] = [0.349, 82.87],
        [(Table3, "adult", "trimmed-mean")] = [0.350, 82.61],
        [(Table3, "adult", "multi-krum")] = [0.350, 82.69],
        [(Table3, "adult", "foolsgold")] = [44.051, 69.47],
        [(Table3, "mnist", "fedavg-clean")] = [0.112, 96.69],
        [(Table3, "mnist", "fedavg")] = [2.322, 9.65],
        [(Table3, "mnist", "median")] = [0.115, 96.62],
        [(Table3, "mnist", "trimmed-mean")] = [0.114, 96.64],
        [(Table3, "mnist", "multi-krum")] = [0.126, 96.18],
        [(Table3, "mnist", "foolsgold")] = [2.741, 8.92],
        [(Table4, "adult", "fedavg-clean")] = [0.350, 39.06, 60.94],
        [(Table4, "adult", "fedavg")] = [0.374, 10.98, 89.02],
        [(Table4, "adult", "median")] = [0.354, 31.28, 68.72],
        [(Table4, "adult", "trimmed-mean")] = [0.353, 32.12, 67.88],
        [(Table4, "adult", "multi-krum")] = [0.350, 39.34, 60.66],
        [(Table4, "adult", "foolsgold")] = [0.351, 39.72, 60.28],
        [(Table4, "mnist", "fedavg-clean")] = [0.112, 95.43, 0.49],
        [(Table4, "mnist", "fedavg")] = [0.130, 93.39, 1.26],
        [(Table4, "mnist", "median")] = [0.117, 93.48, 1.07],
        [(Table4, "mnist", "trimmed-mean")] = [0.118, 93.58, 1.07],
        [(Table4, "mnist", "multi-krum")] = [0.113, 95.33, 0.39],
        [(Table4, "mnist", "foolsgold")] = [0.111, 95.14, 0.39],
        [(Table3, "adult", "ffl-s1")] = [0.349, 82.84],
        [(Table3, "adult", "ffl-s2")] = [0.350, 82.86],
        [(Table3, "mnist", "ffl-s1")] = [0.112, 96.67],
        [(Table3, "mnist", "ffl-s2")] = [0.113, 96.61],
        [(Table4, "adult", "ffl-s1")] = [0.350, 39.66, 60.34],
        [(Table4, "adult", "ffl-s2")] = [0.350, 39.50, 60.50],
        [(Table4, "mnist", "ffl-s1")] = [0.111, 95.33, 0.39],
        [(Table4, "mnist", "ffl-s2")] = [0.112, 95.04, 0.49],
    };

    /// <summary>The rows' short names, for choosing some of them (<c>fedavg-clean</c>, <c>fedavg</c>, <c>median</c>, ...).</summary>
    public static IReadOnlyList<string> MethodSlugs { get; } = [.. Methods.Select(m => m.Slug)];

    /// <summary>The metric columns of a table.</summary>
    public static IReadOnlyList<string> MetricsOf(string id) => id == Table3 ? ["te", "acc"] : ["te", "src_acc", "asr"];

    /// <summary>The runs of a table.</summary>
    /// <param name="id"><see cref="Table3"/> or <see cref="Table4"/>.</param>
    /// <param name="quick">Use the shortened settings.</param>
    /// <param name="benchmarks">Which benchmarks (<c>adult</c>, <c>mnist</c>); null for both.</param>
    /// <param name="overrides">Extra <c>key=value</c> settings applied to every run (e.g. <c>workers=2</c>).</param>
    /// <param name="methods">Which rows, by slug (<see cref="MethodSlugs"/>); null for all.</param>
    /// <exception cref="ArgumentException">An unknown id, benchmark or method.</exception>
    public static IReadOnlyList<ReproExperiment> Plan(
        string id, bool quick, IReadOnlyList<string>? benchmarks = null, IReadOnlyList<string>? overrides = null, IReadOnlyList<string>? methods = null)
    {
        foreach (var m in (methods ?? []).Where(m => !MethodSlugs.Contains(m, StringComparer.Ordinal)))
        {
            throw new ArgumentException($"unknown method '{m}'; expected one of {string.Join(", ", MethodSlugs)}", nameof(methods));
        }

        if (!Ids.Contains(id, StringComparer.Ordinal))
        {
            throw new ArgumentException($"unknown reproduction '{id}'; expected one of {string.Join(", ", Ids)}", nameof(id));
        }

        var chosen = benchmarks ?? Benchmarks;
        foreach (var b in chosen.Where(b => !Benchmarks.Contains(b, StringComparer.Ordinal)))
        {
            throw new ArgumentException($"unknown benchmark '{b}'; expected {string.Join(" or ", Benchmarks)}", nameof(benchmarks));
        }

        var metrics = MetricsOf(id);
        var plan = new List<ReproExperiment>();
        foreach (var benchmark in Benchmarks.Where(chosen.Contains))
        {
            bool adult = benchmark == "adult";
            string[] attack = id == Table3
                ? ["attack.type=gaussian-noise", "attack.fraction=0.2", "attack.sigma=0.5"]
                : ["attack.type=label-flip", "attack.fraction=0.2", adult ? "attack.source=1" : "attack.source=7", adult ? "attack.target=0" : "attack.target=1"];
            string[] tracked = id == Table4
                ? [adult ? "evaluation.source_class=1" : "evaluation.source_class=7", adult ? "evaluation.target_class=0" : "evaluation.target_class=1"]
                : [];
            foreach (var (method, slug, sets) in Methods.Where(m => methods is null || methods.Contains(m.Slug, StringComparer.Ordinal)))
            {
                var all = new List<string> { $"name={id}-{benchmark}-{slug}" };
                if (quick)
                {
                    all.AddRange(adult ? AdultQuick : MnistQuick);
                }

                if (slug != "fedavg-clean")
                {
                    all.AddRange(attack);
                    if (quick && !adult && id == Table3)
                    {
                        all.Add(MnistQuickNoise);
                    }
                }

                all.AddRange(tracked);
                all.AddRange(sets);
                all.AddRange(overrides ?? []);
                var config = ExperimentConfigLoader.LoadText(adult ? AdultYaml : MnistYaml, $"{id}-{benchmark}.yaml", all);
                var paper = PaperFigures.TryGetValue((id, benchmark, slug), out var figures)
                    ? metrics.Zip(figures).ToDictionary(p => p.First, p => p.Second)
                    : new Dictionary<string, double>();
                plan.Add(new ReproExperiment(adult ? "Adult-MLP" : "MNIST-CNN", method, $"{benchmark}-{slug}", config, paper));
            }
        }

        return plan;
    }

    /// <summary>Runs (or reuses) every experiment of a table and collects the figures.</summary>
    /// <param name="id"><see cref="Table3"/> or <see cref="Table4"/>.</param>
    /// <param name="options">Where to write, which benchmarks, and progress callbacks.</param>
    /// <param name="cancellationToken">Stops the current run (its checkpoint allows a later resume).</param>
    public static async Task<ReproTable> RunAsync(string id, ReproOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var plan = Plan(id, options.Quick, options.Benchmarks, options.Overrides, options.Methods);
        var rows = new List<ReproRow>();
        for (int i = 0; i < plan.Count; i++)
        {
            var experiment = plan[i];
            var directory = Path.Combine(options.OutputDirectory, experiment.Slug + (options.Quick ? "-quick" : ""));
            options.Progress?.ExperimentStarting(i, plan.Count, experiment, directory);
            bool reused = IsCompleted(directory, experiment.Config);
            if (!reused)
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                var outcome = await ExperimentRunner.RunAsync(
                    experiment.Config,
                    new RunOptions { RunDirectory = directory, RegistryPath = options.RegistryPath, Locator = options.Locator, Listener = options.Listener },
                    cancellationToken).ConfigureAwait(false);
                if (outcome.Summary.Status != RunStatus.Completed)
                {
                    throw new OperationCanceledException($"{experiment.Config.Name} stopped at round {outcome.Summary.Rounds}: {outcome.StopReason}; run the command again to redo it (finished runs are reused)");
                }
            }

            var row = Collect(experiment, directory, reused);
            rows.Add(row);
            options.Progress?.ExperimentFinished(i, plan.Count, row);
        }

        var title = id == Table3
            ? "robustness against the Gaussian-noise attack (20% attackers, σ = 0.5" + (options.Quick ? "; quick MNIST: σ = 2)" : ")")
            : "robustness against the label-flipping attack (20% attackers; Adult >50K→<=50K, MNIST 7→1)";
        return new ReproTable(id, title, MetricsOf(id), rows, options.Quick);
    }

    // A finished run of the same configuration can stand: the same config hash means the same computation.
    private static bool IsCompleted(string directory, ExperimentConfig config)
    {
        var summaryPath = Path.Combine(directory, RunFiles.Summary);
        if (!File.Exists(summaryPath))
        {
            return false;
        }

        try
        {
            var summary = RunSummary.Read(summaryPath);
            return summary.Status == RunStatus.Completed && summary.ConfigHash == config.ConfigHash;
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            return false;
        }
    }

    private static ReproRow Collect(ReproExperiment experiment, string directory, bool reused)
    {
        var rows = MetricsJournal.Read(directory).Rows;
        var last = rows.LastOrDefault(r => double.IsFinite(r.GetNumber(RoundFields.TestAccuracy)))
            ?? throw new InvalidDataException($"run '{directory}' has no evaluated round");
        var ours = new Dictionary<string, double>
        {
            ["te"] = last.GetNumber(RoundFields.TestLoss),
            ["acc"] = 100 * last.GetNumber(RoundFields.TestAccuracy),
        };
        foreach (var (metric, field) in new[] { ("src_acc", Adversarial.AdversarialSetup.SourceAccuracyMetric), ("asr", Adversarial.AdversarialSetup.AttackSuccessMetric) })
        {
            if (last.Contains(field))
            {
                ours[metric] = 100 * last.GetNumber(field);
            }
        }

        return new ReproRow(experiment.Benchmark, experiment.Method, directory, last.Round, ours, experiment.Paper, reused);
    }
}
