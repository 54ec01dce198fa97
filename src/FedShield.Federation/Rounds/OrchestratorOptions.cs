namespace FedShield.Federation.Rounds;

/// <summary>Settings of the round loop (not of the strategy).</summary>
public sealed record OrchestratorOptions
{
    /// <summary>Creates validated options.</summary>
    /// <param name="seed">The run seed from which every per-round and per-client stream derives.</param>
    /// <param name="minReplies">The least number of valid updates for a round to be applied (≥ 1).</param>
    /// <param name="minReplyFraction">The least fraction of the selected clients that must reply, in [0, 1].</param>
    /// <param name="roundTimeout">How long a client may take per instruction (positive).</param>
    /// <param name="evaluateEvery">Evaluate the global model every this many rounds (≥ 1; the last round always).</param>
    /// <param name="clientEvaluationFraction">Fraction of available clients that score the model on their validation data on evaluation rounds, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public OrchestratorOptions(long seed, int minReplies = 1, double minReplyFraction = 0, TimeSpan? roundTimeout = null, int evaluateEvery = 1, double clientEvaluationFraction = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minReplies, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluateEvery, 1);
        if (!(minReplyFraction >= 0 && minReplyFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minReplyFraction), minReplyFraction, "the minimum reply fraction must be in [0, 1]");
        }

        if (!(clientEvaluationFraction >= 0 && clientEvaluationFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(clientEvaluationFraction), clientEvaluationFraction, "the client evaluation fraction must be in [0, 1]");
        }

        var timeout = roundTimeout ?? TimeSpan.FromMinutes(10);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(roundTimeout), timeout, "the round timeout must be positive");
        }

        Seed = seed;
        MinReplies = minReplies;
        MinReplyFraction = minReplyFraction;
        RoundTimeout = timeout;
        EvaluateEvery = evaluateEvery;
        ClientEvaluationFraction = clientEvaluationFraction;
    }

    /// <summary>The run seed.</summary>
    public long Seed { get; }

    /// <summary>The least number of valid updates for a round to be applied.</summary>
    public int MinReplies { get; }

    /// <summary>The least fraction of the selected clients whose update must be valid.</summary>
    public double MinReplyFraction { get; }

    /// <summary>Per-instruction timeout.</summary>
    public TimeSpan RoundTimeout { get; }

    /// <summary>Evaluation cadence in rounds.</summary>
    public int EvaluateEvery { get; }

    /// <summary>Fraction of clients doing federated evaluation on evaluation rounds.</summary>
    public double ClientEvaluationFraction { get; }

    /// <summary>The number of valid updates a round with <paramref name="selected"/> clients needs.</summary>
    public int RequiredReplies(int selected) =>
        Math.Max(MinReplies, (int)Math.Ceiling(MinReplyFraction * selected - 1e-9));
}
