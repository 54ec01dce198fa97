namespace FedShield.Experiments.Config;

/// <summary>The poisoning attack the malicious clients run (<c>attack.type</c>).</summary>
public enum AttackKind
{
    /// <summary>No attack: every client is honest.</summary>
    None,

    /// <summary>Gaussian noise N(0, σ²) added to the update.</summary>
    GaussianNoise,

    /// <summary>Training samples of the source class relabelled as the target class.</summary>
    LabelFlip,

    /// <summary>The update negated (and scaled).</summary>
    SignFlip,

    /// <summary>The update multiplied by a factor.</summary>
    Scaling,

    /// <summary>A Little Is Enough: mean − z·std of the updates the colluders know.</summary>
    Alie,

    /// <summary>Inner-product manipulation: −ε times the mean of the known updates.</summary>
    Ipm,

    /// <summary>A pixel-pattern backdoor with a target label, optionally boosted (model replacement).</summary>
    Backdoor,

    /// <summary>The update pulls the global model towards a malicious target model.</summary>
    TargetedModel,
}
