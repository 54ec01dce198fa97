using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Config;

/// <summary>The <c>evaluation</c> section: when the global model is evaluated and by whom.</summary>
public sealed record EvaluationConfig
{
    /// <summary>Creates and validates the evaluation settings; every argument has the YAML default.</summary>
    /// <param name="every">Evaluate the global model every N rounds, &gt;= 1 (<c>evaluation.every</c>); the last round always is.</param>
    /// <param name="clientFraction">Fraction of clients doing federated evaluation, in [0, 1] (<c>evaluation.client_fraction</c>).</param>
    /// <param name="sourceClass">A class whose accuracy and misclassification as <paramref name="targetClass"/> are tracked (<c>evaluation.source_class</c>, name or index); defaults to a label-flipping attack's source.</param>
    /// <param name="targetClass">The class an attacker wants <paramref name="sourceClass"/> predicted as (<c>evaluation.target_class</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public EvaluationConfig(int every = ConfigDefaults.EvaluateEvery, double clientFraction = ConfigDefaults.EvaluationClientFraction, string? sourceClass = null, string? targetClass = null)
    {
        if ((sourceClass is null) != (targetClass is null))
        {
            throw new ArgumentException($"{ConfigKeys.EvaluationSourceClass.Path} and {ConfigKeys.EvaluationTargetClass.Path} go together; set both or neither", nameof(sourceClass));
        }

        SourceClass = sourceClass;
        TargetClass = targetClass;
        ConfigKeys.EvaluationEvery.Check(every, nameof(every));
        ConfigKeys.EvaluationClientFraction.Check(clientFraction, nameof(clientFraction));
        Every = every;
        ClientFraction = clientFraction;
    }

    /// <summary>Evaluate the global model every N rounds (<c>evaluation.every</c>).</summary>
    public int Every { get; }

    /// <summary>Fraction of clients doing federated evaluation; 0 for none (<c>evaluation.client_fraction</c>).</summary>
    public double ClientFraction { get; }

    /// <summary>The tracked source class (name or index), or null (<c>evaluation.source_class</c>).</summary>
    public string? SourceClass { get; }

    /// <summary>The tracked target class (name or index), or null (<c>evaluation.target_class</c>).</summary>
    public string? TargetClass { get; }

    /// <summary>Whether the global model is evaluated after a 1-based round: every N-th round and the last one.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="round"/> is not in [1, <paramref name="totalRounds"/>].</exception>
    public bool IsEvaluationRound(int round, int totalRounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(round, totalRounds);
        return round % Every == 0 || round == totalRounds;
    }
}
