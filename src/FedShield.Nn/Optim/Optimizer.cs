namespace FedShield.Nn.Optim;

/// <summary>
/// An optimizer over one flat parameter vector and the gradient vector of the same length
/// (normally a materialised model's <see cref="Module.ParameterMemory"/> and
/// <see cref="Module.GradientMemory"/>). Steps update the parameters in place with vectorised loops
/// and allocate nothing; state (momentum, moment estimates) is exposed so federated clients can
/// reset it or carry it across rounds.
/// </summary>
public abstract class Optimizer
{
    private double _learningRate;

    /// <summary>Binds the optimizer to a parameter vector and its gradient vector.</summary>
    /// <exception cref="ArgumentException">The two vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is negative or not finite.</exception>
    protected Optimizer(Memory<float> parameters, Memory<float> gradients, double learningRate)
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException($"{GetType().Name}: {parameters.Length} parameters but {gradients.Length} gradients; they must match element for element.", nameof(gradients));
        }

        Parameters = parameters;
        Gradients = gradients;
        LearningRate = learningRate;
        InitialLearningRate = learningRate;
    }

    /// <summary>The parameters updated in place by <see cref="Step"/>.</summary>
    public Memory<float> Parameters { get; }

    /// <summary>The gradients read by <see cref="Step"/> (never modified by it).</summary>
    public Memory<float> Gradients { get; }

    /// <summary>
    /// The step size used by the next <see cref="Step"/> (set by learning-rate schedules). Must be
    /// finite and non-negative.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{GetType().Name}: the learning rate must be finite and non-negative.");
            }

            _learningRate = value;
        }
    }

    /// <summary>The learning rate given at construction (PyTorch's <c>initial_lr</c>, the base of schedules).</summary>
    public double InitialLearningRate { get; }

    /// <summary>The number of steps taken since construction or the last <see cref="ResetState"/>.</summary>
    public long StepCount { get; protected set; }

    /// <summary>Updates the parameters once from the current gradients and counts the step.</summary>
    public void Step()
    {
        StepCount++;
        StepCore();
    }

    /// <summary>Forgets all accumulated state (momentum, moment estimates, step count), as a freshly built optimizer.</summary>
    public void ResetState()
    {
        StepCount = 0;
        ResetCore();
    }

    /// <summary>Performs one update; <see cref="StepCount"/> already counts it.</summary>
    protected abstract void StepCore();

    /// <summary>Clears the derived optimizer's state.</summary>
    protected abstract void ResetCore();

    /// <summary>Sets every gradient to zero (prefer <see cref="Module.ZeroGrad"/> when the gradients belong to a model).</summary>
    public void ZeroGrad() => Gradients.Span.Clear();

    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    internal static void RequireFinite(double value, string name, string owner)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{owner}: {name} must be finite.");
        }
    }
}
