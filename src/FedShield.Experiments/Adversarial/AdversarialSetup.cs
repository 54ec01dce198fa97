using FedShield.Attacks;
using FedShield.Data;
using FedShield.Experiments.Config;
using FedShield.Experiments.Running;
using FedShield.Federation;
using FedShield.Federation.Rounds;
using FedShield.Federation.Transport;
using FedShield.Learning;
using FedShield.Learning.Models;
using FedShield.Nn.Serialization;

namespace FedShield.Experiments.Adversarial;

/// <summary>
/// What the <c>attack</c> and <c>evaluation</c> sections add to a federation: the malicious clients
/// wrapped by their attack, the coalition that must observe rounds, and the round metrics that read
/// the damage (source-class accuracy, attack success rate, backdoor accuracy, exclusions).
/// </summary>
public sealed class AdversarialSetup
{
    /// <summary>Metric name: accuracy on the tracked source class.</summary>
    public const string SourceAccuracyMetric = "src_acc";

    /// <summary>Metric name: fraction of source-class test samples classified as the target class.</summary>
    public const string AttackSuccessMetric = "asr";

    /// <summary>Metric name: fraction of triggered test samples (not of the target class) classified as the backdoor's target.</summary>
    public const string BackdoorAccuracyMetric = "backdoor_acc";

    private AdversarialSetup(IReadOnlyList<IFederatedClient> clients, IReadOnlyList<int> malicious, IFederationObserver? observer, IReadOnlyList<IRoundMetric> metrics, string? note)
    {
        Clients = clients;
        Malicious = malicious;
        Observer = observer;
        Metrics = metrics;
        Note = note;
    }

    /// <summary>The federation's clients, malicious ones wrapped by the attack.</summary>
    public IReadOnlyList<IFederatedClient> Clients { get; }

    /// <summary>The malicious clients' ids, ascending (empty without an attack).</summary>
    public IReadOnlyList<int> Malicious { get; }

    /// <summary>The attackers' coalition, which must see round starts; null without an attack.</summary>
    public IFederationObserver? Observer { get; }

    /// <summary>The round metrics the attack and the tracked classes call for.</summary>
    public IReadOnlyList<IRoundMetric> Metrics { get; }

    /// <summary>A line for the run's notes describing the attack, or null.</summary>
    public string? Note { get; }

    /// <summary>Applies the config's attack to <paramref name="clients"/> and builds the metrics.</summary>
    /// <exception cref="ExperimentSetupException">A class, the target model or the attack does not fit the data or the model.</exception>
    public static AdversarialSetup Create(
        ExperimentConfig config, IReadOnlyList<IFederatedClient> clients, Dataset train, Dataset test, ModelBlueprint blueprint, ModelPool pool, int evaluationBatchSize)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(blueprint);
        var a = config.Attack;
        var metrics = new List<IRoundMetric>();

        // The tracked pair: the evaluation section's, else the label-flipping attack's.
        (string Key, string Text)? source = config.Evaluation.SourceClass is { } s ? ("evaluation.source_class", s)
            : a.Kind == AttackKind.LabelFlip ? ("attack.source", a.Source!) : null;
        (string Key, string Text)? target = config.Evaluation.TargetClass is { } t ? ("evaluation.target_class", t)
            : a.Kind == AttackKind.LabelFlip ? ("attack.target", a.Target!) : null;
        if (source is { } src && target is { } tgt)
        {
            int sourceClass = ClassReference.Resolve(src.Key, src.Text, test);
            int targetClass = ClassReference.Resolve(tgt.Key, tgt.Text, test);
            metrics.Add(new ClassAccuracyMetric(SourceAccuracyMetric, sourceClass));
            var sourceSamples = Indices(test, i => test.Label(i) == sourceClass);
            if (sourceSamples.Length == 0)
            {
                throw new ExperimentSetupException($"{src.Key}: the test set has no samples of class '{test.ClassNames[sourceClass]}'");
            }

            metrics.Add(new SubsetAccuracyMetric(AttackSuccessMetric, Relabelled(test, sourceSamples, targetClass, null), pool, evaluationBatchSize));
        }

        if (!a.IsActive)
        {
            return new AdversarialSetup(clients, [], null, metrics, null);
        }

        int count = a.MaliciousCount(clients.Count);
        var malicious = MaliciousClients.Choose([.. clients.Select(c => c.Id)], count, config.Seed);
        IAttack attack;
        try
        {
            attack = CreateAttack(config, train, blueprint, metrics, test, pool, evaluationBatchSize);
        }
        catch (ArgumentException ex)
        {
            throw new ExperimentSetupException($"attack: {ex.Message}", ex);
        }

        DeployedAttack deployed;
        try
        {
            deployed = AttackDeployment.Deploy(clients, attack, malicious, config.Seed);
        }
        catch (ArgumentException ex)
        {
            throw new ExperimentSetupException($"attack.type {ConfigTokens.ToToken(a.Kind)}: {ex.Message}", ex);
        }

        metrics.Insert(0, new ExclusionMetric(malicious));
        string note = $"attack: {attack.Name} by {malicious.Count} of {clients.Count} clients ({string.Join(", ", malicious)})";
        return new AdversarialSetup(deployed.Clients, malicious, deployed.Coalition, metrics, note);
    }

    private static IAttack CreateAttack(
        ExperimentConfig config, Dataset train, ModelBlueprint blueprint, List<IRoundMetric> metrics, Dataset test, ModelPool pool, int evaluationBatchSize)
    {
        var a = config.Attack;
        switch (a.Kind)
        {
            case AttackKind.GaussianNoise:
                return new GaussianNoiseAttack(a.Sigma);
            case AttackKind.LabelFlip:
                return new LabelFlipAttack(ClassReference.Resolve("attack.source", a.Source!, train), ClassReference.Resolve("attack.target", a.Target!, train));
            case AttackKind.SignFlip:
                return new SignFlipAttack(a.Scale);
            case AttackKind.Scaling:
                return new ScalingAttack(a.Scale);
            case AttackKind.Alie:
                return new LittleIsEnoughAttack(a.Omniscient, a.Z);
            case AttackKind.Ipm:
                return new InnerProductAttack(a.Epsilon, a.Omniscient);
            case AttackKind.Backdoor:
                {
                    if (train.SampleShape.Length < 2)
                    {
                        throw new ExperimentSetupException($"attack.type backdoor stamps a pixel pattern and needs image samples; {train.Name} samples have shape [{string.Join(", ", train.SampleShape.ToArray())}]");
                    }

                    int targetClass = ClassReference.Resolve("attack.target", a.Target!, train);
                    var trigger = new PixelPatternTrigger();
                    var triggered = Indices(test, i => test.Label(i) != targetClass);
                    metrics.Add(new SubsetAccuracyMetric(BackdoorAccuracyMetric, Relabelled(test, triggered, targetClass, trigger), pool, evaluationBatchSize));
                    return new BackdoorAttack(trigger, targetClass, a.PoisonFraction, a.Boost);
                }

            case AttackKind.TargetedModel:
                return new TargetedModelAttack(LoadTargetModel(config, blueprint), a.LambdaLow, a.LambdaHigh);
            default:
                throw new ExperimentSetupException($"attack.type {ConfigTokens.ToToken(a.Kind)} is not implemented");
        }
    }

    // "random": a fresh initialisation of the same architecture from the attack's seed stream, i.e. a
    // structurally valid model that knows nothing; otherwise a safetensors file of the model's weights.
    private static float[] LoadTargetModel(ExperimentConfig config, ModelBlueprint blueprint)
    {
        string path = config.Attack.TargetModel!;
        var model = blueprint.Create(SeedStreams.Create(config.Seed, SeedStreams.Attack, -1));
        if (!string.Equals(path, "random", StringComparison.Ordinal))
        {
            if (!File.Exists(path))
            {
                throw new ExperimentSetupException($"attack.target_model: no file '{path}' (expected a safetensors file of {blueprint.Name} weights, e.g. a run's {ExperimentRunner.ModelFile}, or 'random')");
            }

            try
            {
                Safetensors.Load(model, path);
            }
            catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException or FormatException or KeyNotFoundException)
            {
                throw new ExperimentSetupException($"attack.target_model: '{path}' does not hold {blueprint.Name} weights: {ex.Message}", ex);
            }
        }

        return model.ParameterBuffer.ToArray();
    }

    private static int[] Indices(Dataset data, Func<int, bool> keep) => [.. Enumerable.Range(0, data.Count).Where(keep)];

    // A copy of the chosen test samples with every label set to `label`, optionally stamped with a trigger.
    private static Dataset Relabelled(Dataset test, int[] indices, int label, PixelPatternTrigger? trigger)
    {
        var features = new float[indices.Length * test.SampleSize];
        var labels = new int[indices.Length];
        test.CopyBatch(indices, features, labels);
        Array.Fill(labels, label);
        if (trigger is not null)
        {
            var shape = test.SampleShape.ToArray();
            for (int i = 0; i < indices.Length; i++)
            {
                trigger.Apply(features.AsSpan(i * test.SampleSize, test.SampleSize), shape);
            }
        }

        return new Dataset(test.Name + "-relabelled", features, test.SampleShape.ToArray(), labels, test.ClassNames, test.FeatureNames);
    }
}
