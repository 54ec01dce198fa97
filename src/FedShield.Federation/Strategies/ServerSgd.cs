using FedShield.Federation.State;

namespace FedShield.Federation.Strategies;

/// <summary>
/// Server SGD on the pseudo-gradient −Δ: w ← w + η·Δ, or with momentum (FedAvgM, Hsu et al. 2019)
/// v ← β·v + Δ, w ← w + η·v. With η = 1 and β = 0 the new model is exactly the aggregate (FedAvg).
/// </summary>
public sealed class ServerSgd : IServerOptimizer
{
    private float[]? _velocity;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="momentum">β in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public ServerSgd(double learningRate = 1.0, double momentum = 0.0)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "the server learning rate must be positive and finite");
        }

        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "the server momentum must be in [0, 1)");
        }

        LearningRate = learningRate;
        Momentum = momentum;
    }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>β.</summary>
    public double Momentum { get; }

    /// <inheritdoc/>
    public string Name => Momentum > 0 ? $"sgd(lr={LearningRate}, momentum={Momentum})" : $"sgd(lr={LearningRate})";

    /// <inheritdoc/>
    public void Apply(Span<float> weights, ReadOnlySpan<float> delta)
    {
        ServerOptimizerChecks.SameLength(weights, delta);
        if (Momentum == 0)
        {
            if (LearningRate == 1.0)
            {
                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i] += delta[i];
                }

                return;
            }

            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)(weights[i] + LearningRate * delta[i]);
            }

            return;
        }

        _velocity ??= new float[weights.Length];
        ServerOptimizerChecks.SameLength(_velocity, delta);
        for (var i = 0; i < weights.Length; i++)
        {
            var v = (float)(Momentum * _velocity[i] + delta[i]);
            _velocity[i] = v;
            weights[i] = (float)(weights[i] + LearningRate * v);
        }
    }

    /// <inheritdoc/>
    public StateBag ExportState()
    {
        var bag = new StateBag();
        if (_velocity is not null)
        {
            bag.SetArray("velocity", _velocity);
        }

        return bag;
    }

    /// <inheritdoc/>
    public void ImportState(StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _velocity = state.TryGetArray("velocity", out var v) ? (float[])v.Clone() : null;
    }
}
