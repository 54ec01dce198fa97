using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Config;

/// <summary>The <c>attack</c> section: which poisoning attack, run by how many clients, with what parameters.</summary>
public sealed record AttackConfig
{
    /// <summary>Creates a validated attack configuration.</summary>
    /// <param name="kind">The attack (<c>attack.type</c>).</param>
    /// <param name="fraction">Fraction of all clients that are malicious (<c>attack.fraction</c>; 0.2 when neither it nor the count is set).</param>
    /// <param name="count">Number of malicious clients instead (<c>attack.count</c>); exclusive with the fraction.</param>
    /// <param name="sigma">Standard deviation of the Gaussian-noise attack (<c>attack.sigma</c>).</param>
    /// <param name="source">Source class of label flipping, by name or index (<c>attack.source</c>).</param>
    /// <param name="target">Target class of label flipping and of the backdoor, by name or index (<c>attack.target</c>).</param>
    /// <param name="scale">Factor of the sign-flipping and scaling attacks (<c>attack.scale</c>).</param>
    /// <param name="omniscient">Whether colluding attacks know the honest clients' updates too (<c>attack.omniscient</c>).</param>
    /// <param name="z">ALIE's z, or null for the paper's value from n and f (<c>attack.z</c>).</param>
    /// <param name="epsilon">Inner-product manipulation's ε (<c>attack.epsilon</c>).</param>
    /// <param name="poisonFraction">Fraction of a backdoor attacker's samples stamped with the trigger (<c>attack.poison_fraction</c>).</param>
    /// <param name="boost">Model-replacement factor of the backdoor, or null for none (<c>attack.boost</c>).</param>
    /// <param name="targetModel">The targeted-model attack's target: a safetensors file of model weights, or <c>random</c> (<c>attack.target_model</c>).</param>
    /// <param name="lambdaLow">Lower end of the targeted-model attack's λ (<c>attack.lambda_low</c>).</param>
    /// <param name="lambdaHigh">Upper end of the targeted-model attack's λ (<c>attack.lambda_high</c>).</param>
    /// <param name="fflStrategy">How attackers play FFL: 1, 2 or 3 of section VII of seeds/003 (<c>attack.ffl_strategy</c>).</param>
    public AttackConfig(
        AttackKind kind = ConfigDefaults.Attack,
        double? fraction = null,
        int? count = null,
        double sigma = ConfigDefaults.AttackSigma,
        string? source = null,
        string? target = null,
        double scale = ConfigDefaults.AttackScale,
        bool omniscient = false,
        double? z = null,
        double epsilon = ConfigDefaults.AttackEpsilon,
        double poisonFraction = ConfigDefaults.AttackPoisonFraction,
        double? boost = null,
        string? targetModel = null,
        double lambdaLow = ConfigDefaults.AttackLambdaLow,
        double lambdaHigh = ConfigDefaults.AttackLambdaHigh,
        int fflStrategy = ConfigDefaults.AttackFflStrategy)
    {
        ConfigTokens.ToToken(kind);
        ConfigKeys.AttackFraction.Check(fraction, nameof(fraction));
        ConfigKeys.AttackCount.Check(count, nameof(count));
        ConfigKeys.AttackSigma.Check(sigma, nameof(sigma));
        ConfigKeys.AttackScale.Check(scale, nameof(scale));
        ConfigKeys.AttackZ.Check(z, nameof(z));
        ConfigKeys.AttackEpsilon.Check(epsilon, nameof(epsilon));
        ConfigKeys.AttackPoisonFraction.Check(poisonFraction, nameof(poisonFraction));
        ConfigKeys.AttackBoost.Check(boost, nameof(boost));
        ConfigKeys.AttackLambdaLow.Check(lambdaLow, nameof(lambdaLow));
        ConfigKeys.AttackLambdaHigh.Check(lambdaHigh, nameof(lambdaHigh));
        ConfigKeys.AttackFflStrategy.Check(fflStrategy, nameof(fflStrategy));
        if (fraction is not null && count is not null)
        {
            throw new ArgumentException($"{ConfigKeys.AttackCount.Path}: {ClientsConfig.ExclusiveMessage(ConfigKeys.AttackFraction)}", nameof(count));
        }

        if (RequirementError(kind, source, target, targetModel, lambdaLow, lambdaHigh) is { } error)
        {
            throw new ArgumentException(error, nameof(kind));
        }

        Kind = kind;
        Fraction = fraction;
        Count = count;
        Sigma = sigma;
        Source = source;
        Target = target;
        Scale = scale;
        Omniscient = omniscient;
        Z = z;
        Epsilon = epsilon;
        PoisonFraction = poisonFraction;
        Boost = boost;
        TargetModel = targetModel;
        LambdaLow = lambdaLow;
        LambdaHigh = lambdaHigh;
        FflStrategy = fflStrategy;
    }

    /// <summary>The attack.</summary>
    public AttackKind Kind { get; }

    /// <summary>Fraction of all clients that are malicious, or null (see <see cref="Count"/>).</summary>
    public double? Fraction { get; }

    /// <summary>Number of malicious clients, or null to use <see cref="Fraction"/>.</summary>
    public int? Count { get; }

    /// <summary>Standard deviation of the Gaussian-noise attack.</summary>
    public double Sigma { get; }

    /// <summary>Source class of label flipping (name or index), or null.</summary>
    public string? Source { get; }

    /// <summary>Target class of label flipping and of the backdoor (name or index), or null.</summary>
    public string? Target { get; }

    /// <summary>Factor of the sign-flipping and scaling attacks.</summary>
    public double Scale { get; }

    /// <summary>Whether colluding attacks know the honest clients' updates too.</summary>
    public bool Omniscient { get; }

    /// <summary>ALIE's z, or null for the paper's value.</summary>
    public double? Z { get; }

    /// <summary>Inner-product manipulation's ε.</summary>
    public double Epsilon { get; }

    /// <summary>Fraction of a backdoor attacker's samples stamped with the trigger.</summary>
    public double PoisonFraction { get; }

    /// <summary>Model-replacement factor of the backdoor, or null.</summary>
    public double? Boost { get; }

    /// <summary>The targeted-model attack's target model file, or <c>random</c>.</summary>
    public string? TargetModel { get; }

    /// <summary>Lower end of the targeted-model attack's λ.</summary>
    public double LambdaLow { get; }

    /// <summary>Upper end of the targeted-model attack's λ.</summary>
    public double LambdaHigh { get; }

    /// <summary>How attackers play FFL (section VII of seeds/003): 1 mix the poisoned update, 2 send the whole poisoned update, 3 poison only the fragments exchanged.</summary>
    public int FflStrategy { get; }

    /// <summary>Whether any client is malicious.</summary>
    public bool IsActive => Kind != AttackKind.None;

    /// <summary>The number of malicious clients among <paramref name="clientCount"/>: the count, or the fraction (default 0.2) rounded to nearest.</summary>
    public int MaliciousCount(int clientCount) =>
        Kind == AttackKind.None ? 0 : Math.Min(clientCount, Count ?? Attacks.MaliciousClients.CountFor(clientCount, Fraction ?? ConfigDefaults.AttackFraction));

    /// <summary>Why the keys an attack needs are missing or inconsistent, or null.</summary>
    internal static string? RequirementError(AttackKind kind, string? source, string? target, string? targetModel, double lambdaLow, double lambdaHigh) => kind switch
    {
        AttackKind.LabelFlip when source is null || target is null => "attack.type label-flip needs attack.source and attack.target (class names or indices)",
        AttackKind.LabelFlip when source == target => $"attack.source and attack.target are both '{source}'; label flipping needs two different classes",
        AttackKind.Backdoor when target is null => "attack.type backdoor needs attack.target (the class the trigger should produce)",
        AttackKind.TargetedModel when targetModel is null => "attack.type targeted-model needs attack.target_model (a safetensors file of model weights, or 'random')",
        AttackKind.TargetedModel when lambdaLow > lambdaHigh => $"attack.lambda_low ({lambdaLow}) is above attack.lambda_high ({lambdaHigh})",
        _ => null,
    };
}
