using FedShield.Experiments.Config.Schema;
using FedShield.Experiments.Config.Yaml;

namespace FedShield.Experiments.Config;

/// <summary>
/// One load of an experiment file: reads the YAML tree, applies the overrides, reads and checks every
/// key, and either builds the config or throws a <see cref="ConfigException"/> listing every problem.
/// </summary>
internal sealed class ConfigLoadSession(string source)
{
    private readonly List<ConfigError> _errors = [];
    private readonly Dictionary<string, Setting> _settings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TreeScalar> _sectionKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<ConfigKey, object?> _values = [];
    private TreeNode _root = new TreeScalar("", false, 1, 1);
    private IReadOnlyList<string> _overrides = [];

    public ExperimentConfig Load(string yaml, IReadOnlyList<string> overrides)
    {
        _overrides = overrides;
        var root = TreeReader.Read(yaml, out var problem);
        if (problem is not null)
        {
            Fail(problem.Line, problem.Column, "", "YAML syntax error: " + problem.Message);
        }

        if (root is null or TreeScalar { IsNull: true })
        {
            Fail(1, 1, "", "the file is empty; expected a mapping with at least rounds, data.dataset, model and clients.count");
        }

        if (root is not TreeMapping mapping)
        {
            Fail(root.Line, root.Column, "", $"expected a mapping of keys to values at the top level, got {root.Describe()}");
            return null!;
        }

        _root = mapping;
        ReadMapping(mapping, "");
        ApplyOverrides(overrides);
        ReadValues();
        CheckCombinations();
        if (_errors.Count > 0)
        {
            throw new ConfigException(Sorted());
        }

        return Build();
    }

    private void ReadMapping(TreeMapping mapping, string section)
    {
        var seen = new Dictionary<string, TreeScalar>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not TreeScalar { IsNull: false } keyScalar)
            {
                Error(keyNode, section, $"expected a key name, got {keyNode.Describe()}");
                continue;
            }

            string name = keyScalar.Text;
            string path = section.Length == 0 ? name : section + "." + name;
            if (seen.TryGetValue(name, out var first))
            {
                Error(keyScalar, path, $"duplicate key '{name}' (first set at line {first.Line})");
                continue;
            }

            seen.Add(name, keyScalar);
            if (section.Length == 0 && ConfigKeys.Sections.Contains(name))
            {
                _sectionKeys[name] = keyScalar;
                if (valueNode is TreeMapping sectionMapping)
                {
                    ReadMapping(sectionMapping, name);
                }
                else if (valueNode is not TreeScalar { IsNull: true })
                {
                    Error(valueNode, name, $"expected a mapping of {name} settings, got {valueNode.Describe()}");
                }

                continue;
            }

            if (ConfigKeys.Find(path) is null)
            {
                Error(keyScalar, path, UnknownKeyMessage(name, section));
                continue;
            }

            _settings[path] = new Setting(valueNode, null);
        }
    }

    private void ApplyOverrides(IReadOnlyList<string> overrides)
    {
        var overridden = new HashSet<ConfigKey>();
        foreach (string raw in overrides)
        {
            ArgumentNullException.ThrowIfNull(raw, nameof(overrides));
            int equals = raw.IndexOf('=', StringComparison.Ordinal);
            string path = equals < 0 ? raw.Trim() : raw[..equals].Trim();
            if (equals <= 0 || path.Length == 0)
            {
                _errors.Add(OverrideError(raw, "", "expected key=value, e.g. training.lr=0.05"));
                continue;
            }

            var key = ConfigKeys.Find(path);
            if (key is null)
            {
                string message = ConfigKeys.Sections.Contains(path)
                    ? $"'{path}' is a section; set one of its keys, e.g. {path}.{ConfigKeys.NamesIn(path)[0]}=..."
                    : UnknownOverrideMessage(path);
                _errors.Add(OverrideError(raw, path, message));
                continue;
            }

            var node = TreeReader.Read(raw[(equals + 1)..], out var problem);
            if (problem is not null)
            {
                _errors.Add(OverrideError(raw, path, "the value is not valid YAML: " + problem.Message));
                continue;
            }

            _settings[path] = new Setting(node ?? new TreeScalar("", false, 1, 1), raw);
            overridden.Add(key);
        }

        // Setting one key of an exclusive pair on the command line replaces the file's choice of the other
        // (`--set clients.per_round=10` on a file with `fraction: 0.5`); setting both there is still an error.
        foreach (var (a, b) in ConfigKeys.Exclusive)
        {
            if (overridden.Contains(a) && !overridden.Contains(b) && IsSetToValue(a))
            {
                _settings.Remove(b.Path);
            }
            else if (overridden.Contains(b) && !overridden.Contains(a) && IsSetToValue(b))
            {
                _settings.Remove(a.Path);
            }
        }
    }

    private void ReadValues()
    {
        foreach (var key in ConfigKeys.All)
        {
            if (!_settings.TryGetValue(key.Path, out var setting))
            {
                if (key.Required)
                {
                    var anchor = key.Section.Length > 0 && _sectionKeys.TryGetValue(key.Section, out var sectionKey) ? sectionKey : _root;
                    Error(anchor, key.Path, $"required key '{key.Name}' is missing");
                }
                else
                {
                    _values[key] = key.Default;
                }

                continue;
            }

            if (ValueReader.Read(key, setting.Node, out object? value) is { } message)
            {
                AddError(setting, key.Path, message);
            }
            else
            {
                _values[key] = value;
            }
        }
    }

    private void CheckCombinations()
    {
        foreach (var (a, b) in ConfigKeys.Exclusive)
        {
            if (_values.GetValueOrDefault(a) is not null && _values.GetValueOrDefault(b) is not null)
            {
                var (later, other) = Position(_settings[a.Path]).CompareTo(Position(_settings[b.Path])) > 0 ? (a, b) : (b, a);
                AddError(_settings[later.Path], later.Path, ClientsConfig.ExclusiveMessage(other));
            }
        }

        if (_values.TryGetValue(ConfigKeys.ClientsCount, out var countValue) && _values.TryGetValue(ConfigKeys.ClientsPerRound, out var perRoundValue)
            && _values.TryGetValue(ConfigKeys.ClientsFraction, out var fractionValue) && _values.TryGetValue(ConfigKeys.ClientsMinReplies, out var minRepliesValue))
        {
            int count = (int)countValue!;
            if (ClientsConfig.PerRoundError(count, (int?)perRoundValue) is { } perRoundError)
            {
                AddError(_settings[ConfigKeys.ClientsPerRound.Path], ConfigKeys.ClientsPerRound.Path, perRoundError);
            }
            else if (_values.GetValueOrDefault(ConfigKeys.ClientsMinFraction) is null
                && ClientsConfig.MinRepliesError(ClientsConfig.SampleSize(count, (double?)fractionValue, (int?)perRoundValue), (int?)minRepliesValue) is { } minRepliesError)
            {
                AddError(_settings[ConfigKeys.ClientsMinReplies.Path], ConfigKeys.ClientsMinReplies.Path, minRepliesError);
            }
        }

        if (_values.TryGetValue(ConfigKeys.TrainingNesterov, out var nesterov) && (bool)nesterov!
            && _values.TryGetValue(ConfigKeys.TrainingOptimizer, out var optimizer) && _values.TryGetValue(ConfigKeys.TrainingMomentum, out var momentum)
            && TrainingConfig.NesterovError(ConfigTokens.Optimizers.Parse((string)optimizer!), (double)momentum!, true) is { } nesterovError)
        {
            AddError(_settings[ConfigKeys.TrainingNesterov.Path], ConfigKeys.TrainingNesterov.Path, nesterovError);
        }

        if (_values.TryGetValue(ConfigKeys.AttackType, out var attackType) && _values.TryGetValue(ConfigKeys.AttackSource, out var attackSource)
            && _values.TryGetValue(ConfigKeys.AttackTarget, out var attackTarget) && _values.TryGetValue(ConfigKeys.AttackTargetModel, out var targetModel)
            && _values.TryGetValue(ConfigKeys.AttackLambdaLow, out var lambdaLow) && _values.TryGetValue(ConfigKeys.AttackLambdaHigh, out var lambdaHigh)
            && AttackConfig.RequirementError(
                ConfigTokens.Attacks.Parse((string)attackType!), (string?)attackSource, (string?)attackTarget, (string?)targetModel, (double)lambdaLow!, (double)lambdaHigh!) is { } attackError)
        {
            ReportAt(ConfigKeys.AttackType, attackError);
        }

        if (_values.TryGetValue(ConfigKeys.PrivacySecureAggregation, out var secureAggregation) && _values.TryGetValue(ConfigKeys.PrivacyDp, out var dp)
            && _values.TryGetValue(ConfigKeys.PrivacyNoiseMultiplier, out var noiseMultiplier) && _values.TryGetValue(ConfigKeys.PrivacyEpsilon, out var epsilon)
            && _values.TryGetValue(ConfigKeys.PrivacyBudget, out var budget) && _values.TryGetValue(ConfigKeys.PrivacyNiss, out var niss)
            && _values.TryGetValue(ConfigKeys.PrivacyTau, out var tau) && _values.TryGetValue(ConfigKeys.PrivacyColludingFraction, out var rho)
            && _values.TryGetValue(ConfigKeys.PrivacyFfl, out var ffl))
        {
            var secure = ConfigTokens.SecureAggregations.Parse((string)secureAggregation!);
            var mode = ConfigTokens.DpModes.Parse((string)dp!);
            if (PrivacyConfig.RequirementError(secure, mode, (double?)noiseMultiplier, (double?)epsilon, (double?)budget, (bool)niss!, (double?)tau, (double?)rho, (bool)ffl!) is { } privacyError)
            {
                ReportAt(FirstGiven(ConfigKeys.PrivacyFfl, ConfigKeys.PrivacyNiss, ConfigKeys.PrivacyDp, ConfigKeys.PrivacySecureAggregation, ConfigKeys.PrivacyTau, ConfigKeys.PrivacyBudget), privacyError);
            }
            else if (_values.TryGetValue(ConfigKeys.StrategyAggregator, out var aggregator) && _values.TryGetValue(ConfigKeys.StrategyNormBound, out var normBound)
                && PrivacyConfig.AggregatorError(secure, mode, (bool)niss!, ConfigTokens.Aggregators.Parse((string)aggregator!), (double?)normBound, (bool)ffl!) is { } aggregatorError)
            {
                ReportAt(FirstGiven(ConfigKeys.PrivacyFfl, ConfigKeys.PrivacySecureAggregation, ConfigKeys.PrivacyNiss, ConfigKeys.PrivacyDp), aggregatorError);
            }
        }

        if (_values.TryGetValue(ConfigKeys.EvaluationSourceClass, out var sourceClass) && _values.TryGetValue(ConfigKeys.EvaluationTargetClass, out var targetClass)
            && (sourceClass is null) != (targetClass is null))
        {
            var given = sourceClass is null ? ConfigKeys.EvaluationTargetClass : ConfigKeys.EvaluationSourceClass;
            var missing = sourceClass is null ? ConfigKeys.EvaluationSourceClass : ConfigKeys.EvaluationTargetClass;
            ReportAt(given, $"needs {missing.Path} too: the tracked pair is (source class, target class)");
        }
    }

    // The first of the keys that was written in the file, else the first key.
    private ConfigKey FirstGiven(params ConfigKey[] keys) => keys.FirstOrDefault(k => _settings.ContainsKey(k.Path)) ?? keys[0];

    // An error about a key that may have been left at its default: placed at the key when it was given, else at the file's start.
    private void ReportAt(ConfigKey key, string message)
    {
        if (_settings.TryGetValue(key.Path, out var setting))
        {
            AddError(setting, key.Path, message);
        }
        else
        {
            _errors.Add(new ConfigError(source, 0, 0, key.Path, message));
        }
    }

    private ExperimentConfig Build()
    {
        try
        {
            return new ExperimentConfig(
                name: Get<string?>(ConfigKeys.Name) ?? DefaultName(source),
                rounds: Get<int>(ConfigKeys.Rounds),
                data: new DataConfig(
                    Get<string>(ConfigKeys.DataDataset),
                    Get<string?>(ConfigKeys.DataDir),
                    ConfigTokens.Partitions.Parse(Get<string>(ConfigKeys.DataPartition)),
                    Get<double>(ConfigKeys.DataAlpha),
                    Get<int>(ConfigKeys.DataShardsPerClient),
                    Get<double>(ConfigKeys.DataSigma),
                    Get<double>(ConfigKeys.DataValidation),
                    Get<int>(ConfigKeys.DataMaxTrainSamples),
                    Get<int>(ConfigKeys.DataMaxTestSamples)),
                model: Get<string>(ConfigKeys.Model),
                clients: new ClientsConfig(
                    Get<int>(ConfigKeys.ClientsCount),
                    Get<double?>(ConfigKeys.ClientsFraction),
                    Get<int?>(ConfigKeys.ClientsPerRound),
                    Get<int?>(ConfigKeys.ClientsMinReplies),
                    Get<double?>(ConfigKeys.ClientsMinFraction),
                    Get<double>(ConfigKeys.ClientsTimeout)),
                seed: Get<long>(ConfigKeys.Seed),
                training: new TrainingConfig(
                    Get<int>(ConfigKeys.TrainingEpochs),
                    Get<int>(ConfigKeys.TrainingBatchSize),
                    ConfigTokens.Optimizers.Parse(Get<string>(ConfigKeys.TrainingOptimizer)),
                    Get<double>(ConfigKeys.TrainingLearningRate),
                    Get<double>(ConfigKeys.TrainingMomentum),
                    Get<bool>(ConfigKeys.TrainingNesterov),
                    Get<double>(ConfigKeys.TrainingWeightDecay),
                    Get<double>(ConfigKeys.TrainingBeta1),
                    Get<double>(ConfigKeys.TrainingBeta2),
                    Get<double>(ConfigKeys.TrainingLearningRateDecay),
                    ConfigTokens.OptimizerStates.Parse(Get<string>(ConfigKeys.TrainingOptimizerState)),
                    Get<double>(ConfigKeys.TrainingMaxGradNorm)),
                strategy: new StrategyConfig(
                    ConfigTokens.Strategies.Parse(Get<string>(ConfigKeys.StrategyName)),
                    Get<double?>(ConfigKeys.StrategyServerLearningRate),
                    Get<double>(ConfigKeys.StrategyServerMomentum),
                    Get<double>(ConfigKeys.StrategyBeta1),
                    Get<double>(ConfigKeys.StrategyBeta2),
                    Get<double>(ConfigKeys.StrategyTau),
                    Get<double>(ConfigKeys.StrategyMu),
                    new AggregatorConfig(
                        ConfigTokens.Aggregators.Parse(Get<string>(ConfigKeys.StrategyAggregator)),
                        Get<double>(ConfigKeys.StrategyTrimBeta),
                        Get<double?>(ConfigKeys.StrategyByzantineFraction),
                        Get<int?>(ConfigKeys.StrategyByzantineCount),
                        Get<int?>(ConfigKeys.StrategyKrumSelect),
                        Get<double?>(ConfigKeys.StrategyNormBound),
                        Get<double>(ConfigKeys.StrategyFoolsGoldKappa),
                        Get<string>(ConfigKeys.StrategyFoolsGoldLayer))),
                evaluation: new EvaluationConfig(
                    Get<int>(ConfigKeys.EvaluationEvery),
                    Get<double>(ConfigKeys.EvaluationClientFraction),
                    Get<string?>(ConfigKeys.EvaluationSourceClass),
                    Get<string?>(ConfigKeys.EvaluationTargetClass)),
                checkpoint: new CheckpointConfig(Get<int>(ConfigKeys.CheckpointEvery)),
                attack: new AttackConfig(
                    ConfigTokens.Attacks.Parse(Get<string>(ConfigKeys.AttackType)),
                    Get<double?>(ConfigKeys.AttackFraction),
                    Get<int?>(ConfigKeys.AttackCount),
                    Get<double>(ConfigKeys.AttackSigma),
                    Get<string?>(ConfigKeys.AttackSource),
                    Get<string?>(ConfigKeys.AttackTarget),
                    Get<double>(ConfigKeys.AttackScale),
                    Get<bool>(ConfigKeys.AttackOmniscient),
                    Get<double?>(ConfigKeys.AttackZ),
                    Get<double>(ConfigKeys.AttackEpsilon),
                    Get<double>(ConfigKeys.AttackPoisonFraction),
                    Get<double?>(ConfigKeys.AttackBoost),
                    Get<string?>(ConfigKeys.AttackTargetModel),
                    Get<double>(ConfigKeys.AttackLambdaLow),
                    Get<double>(ConfigKeys.AttackLambdaHigh),
                    Get<int>(ConfigKeys.AttackFflStrategy)),
                privacy: new PrivacyConfig(
                    ConfigTokens.SecureAggregations.Parse(Get<string>(ConfigKeys.PrivacySecureAggregation)),
                    Get<double>(ConfigKeys.PrivacyThreshold),
                    Get<int>(ConfigKeys.PrivacyBits),
                    Get<double>(ConfigKeys.PrivacyClipRange),
                    Get<int?>(ConfigKeys.PrivacyMaxWeight),
                    Get<int?>(ConfigKeys.PrivacyNeighbours),
                    ConfigTokens.DpModes.Parse(Get<string>(ConfigKeys.PrivacyDp)),
                    Get<double>(ConfigKeys.PrivacyClip),
                    Get<double?>(ConfigKeys.PrivacyNoiseMultiplier),
                    Get<double?>(ConfigKeys.PrivacyEpsilon),
                    Get<double>(ConfigKeys.PrivacyDelta),
                    Get<double?>(ConfigKeys.PrivacyBudget),
                    Get<bool>(ConfigKeys.PrivacyNiss),
                    Get<double>(ConfigKeys.PrivacyUnitVariance),
                    Get<double?>(ConfigKeys.PrivacyTau),
                    Get<double?>(ConfigKeys.PrivacyColludingFraction),
                    Get<bool>(ConfigKeys.PrivacyFfl),
                    Get<double>(ConfigKeys.PrivacyFflAlpha),
                    Get<bool>(ConfigKeys.PrivacyFflReputation)),
                output: Get<string>(ConfigKeys.Output),
                workers: Get<int>(ConfigKeys.Workers));
        }
        catch (ArgumentException ex)
        {
            // Every rule the constructors enforce is checked above with a position; reaching this is a loader bug,
            // still reported as a configuration error rather than a crash.
            _errors.Add(new ConfigError(source, 0, 0, "", ex.Message));
            throw new ConfigException(Sorted());
        }
    }

    private T Get<T>(ConfigKey key) => (T)_values[key]!;

    /// <summary>The file name without extension, made safe as a run-directory prefix.</summary>
    internal static string DefaultName(string sourceName)
    {
        string stem = Path.GetFileNameWithoutExtension(sourceName);
        var chars = stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray();
        string name = new string(chars).TrimStart('.', '-', '_');
        if (name.Length > 100)
        {
            name = name[..100];
        }

        return ConfigKey.IsValidName(name) ? name : "experiment";
    }

    private static string UnknownKeyMessage(string name, string section)
    {
        var siblings = ConfigKeys.NamesIn(section);
        if (NameSuggester.Suggest(name, siblings) is { } close)
        {
            return $"unknown key '{name}' (did you mean '{close}'?)";
        }

        var elsewhere = ConfigKeys.All
            .Where(k => k.Name == name && k.Section != section)
            .Select(k => k.Section.Length == 0 ? $"top-level '{k.Name}'" : $"'{k.Path}'")
            .ToList();
        return elsewhere.Count > 0
            ? $"unknown key '{name}' (did you mean {string.Join(" or ", elsewhere)}?)"
            : $"unknown key '{name}'; expected one of: {string.Join(", ", siblings)}";
    }

    private static string UnknownOverrideMessage(string path)
    {
        var paths = ConfigKeys.All.Select(k => k.Path).ToList();
        if (NameSuggester.Suggest(path, paths) is { } close)
        {
            return $"unknown key '{path}' (did you mean '{close}'?)";
        }

        string leaf = path[(path.LastIndexOf('.') + 1)..];
        var sameLeaf = ConfigKeys.All.Where(k => k.Name == leaf).Select(k => k.Path).ToList();
        return sameLeaf.Count > 0
            ? $"unknown key '{path}' (did you mean '{string.Join("' or '", sameLeaf)}'?)"
            : $"unknown key '{path}'";
    }

    private bool IsSetToValue(ConfigKey key) =>
        _settings.TryGetValue(key.Path, out var setting) && setting.Node is not TreeScalar { IsNull: true };

    private static (int Source, int Line, int Column) Position(Setting setting) =>
        setting.Override is null ? (0, setting.Node.Line, setting.Node.Column) : (1, 0, 0);

    private void AddError(Setting setting, string path, string message) =>
        _errors.Add(setting.Override is null
            ? new ConfigError(source, setting.Node.Line, setting.Node.Column, path, message)
            : OverrideError(setting.Override, path, message));

    private void Error(TreeNode node, string path, string message) =>
        _errors.Add(new ConfigError(source, node.Line, node.Column, path, message));

    private static ConfigError OverrideError(string raw, string path, string message) =>
        new(ConfigError.OverrideSource, 0, 0, path, message, raw);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(int line, int column, string path, string message)
    {
        _errors.Add(new ConfigError(source, line, column, path, message));
        throw new ConfigException(Sorted());
    }

    /// <summary>File errors in position order, then override errors in the order the overrides were given.</summary>
    private List<ConfigError> Sorted() =>
        [.. _errors
            .OrderBy(e => e.Override is null ? -1 : IndexOfOverride(e.Override))
            .ThenBy(e => e.Line)
            .ThenBy(e => e.Column)];

    private int IndexOfOverride(string raw)
    {
        for (int i = 0; i < _overrides.Count; i++)
        {
            if (ReferenceEquals(_overrides[i], raw) || string.Equals(_overrides[i], raw, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return _overrides.Count;
    }

    /// <summary>The node given for a key, and the override text when it came from <c>--set</c>.</summary>
    private sealed record Setting(TreeNode Node, string? Override);
}
