namespace FedShield.Nn.Optim;

/// <summary>Hyper-parameters of <see cref="Sgd"/>, with PyTorch's meaning and defaults, validated on construction.</summary>
public sealed record SgdOptions
{
    /// <summary>Creates and validates the options.</summary>
    /// <param name="learningRate">Step size, ≥ 0.</param>
    /// <param name="momentum">Momentum factor in [0, 1); 0 disables momentum.</param>
    /// <param name="dampening">Dampening of the gradient added to the momentum buffer, in [0, 1].</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum &gt; 0 and dampening 0).</param>
    /// <param name="weightDecay">L2 penalty coefficient added to the gradient as wd·θ, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value lies outside its range or is not finite.</exception>
    /// <exception cref="ArgumentException">Nesterov momentum is asked without momentum or with dampening.</exception>
    public SgdOptions(double learningRate = 1e-3, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0)
    {
        Optimizer.RequireFinite(learningRate, nameof(learningRate), nameof(SgdOptions));
        Optimizer.RequireFinite(momentum, nameof(momentum), nameof(SgdOptions));
        Optimizer.RequireFinite(dampening, nameof(dampening), nameof(SgdOptions));
        Optimizer.RequireFinite(weightDecay, nameof(weightDecay), nameof(SgdOptions));
        if (learningRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "SgdOptions: the learning rate is negative; it must be ≥ 0.");
        }

        if (momentum < 0 || momentum >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "SgdOptions: momentum must lie in [0, 1).");
        }

        if (dampening < 0 || dampening > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dampening), dampening, "SgdOptions: dampening must lie in [0, 1].");
        }

        if (weightDecay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "SgdOptions: weight decay is negative; it must be ≥ 0.");
        }

        if (nesterov && (momentum == 0 || dampening != 0))
        {
            throw new ArgumentException($"SgdOptions: Nesterov momentum requires momentum > 0 and zero dampening (got momentum {momentum}, dampening {dampening}).", nameof(nesterov));
        }

        LearningRate = learningRate;
        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
    }

    /// <summary>Step size.</summary>
    public double LearningRate { get; }

    /// <summary>Momentum factor; 0 means plain SGD.</summary>
    public double Momentum { get; }

    /// <summary>Dampening of the gradient entering the momentum buffer.</summary>
    public double Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 penalty coefficient.</summary>
    public double WeightDecay { get; }
}
