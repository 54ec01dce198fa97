using FedShield.Nn.Optim.Kernels;

namespace FedShield.Nn.Optim;

/// <summary>The moment estimates and the step rule shared by <see cref="Adam"/> and <see cref="AdamW"/>.</summary>
internal sealed class AdamMoments(int length)
{
    public float[] ExpAvg { get; } = new float[length];

    public float[] ExpAvgSq { get; } = new float[length];

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients, long step, double learningRate, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        var scalars = new AdamScalars(
            DecayFactor: decoupled && weightDecay != 0 ? (float)(1 - (learningRate * weightDecay)) : 1f,
            WeightDecay: decoupled ? 0f : (float)weightDecay,
            Beta1: (float)beta1,
            OneMinusBeta1: (float)(1 - beta1),
            Beta2: (float)beta2,
            OneMinusBeta2: (float)(1 - beta2),
            BiasCorrection2Sqrt: (float)Math.Sqrt(biasCorrection2),
            Eps: (float)eps,
            NegativeStepSize: (float)(-learningRate / biasCorrection1));
        AdamKernel.Run(parameters, gradients, ExpAvg, ExpAvgSq, scalars);
    }

    public void Clear()
    {
        Array.Clear(ExpAvg);
        Array.Clear(ExpAvgSq);
    }

    public AdamState Export(long step) => new(step, (float[])ExpAvg.Clone(), (float[])ExpAvgSq.Clone());

    public long Import(AdamState state, string owner)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.ExpAvg, nameof(state));
        ArgumentNullException.ThrowIfNull(state.ExpAvgSq, nameof(state));
        ArgumentOutOfRangeException.ThrowIfNegative(state.StepCount, nameof(state));
        if (state.ExpAvg.Length != ExpAvg.Length || state.ExpAvgSq.Length != ExpAvgSq.Length)
        {
            throw new ArgumentException($"{owner}.ImportState: moment vectors of {state.ExpAvg.Length} and {state.ExpAvgSq.Length} elements given; this optimizer has {ExpAvg.Length} parameters.", nameof(state));
        }

        state.ExpAvg.CopyTo(ExpAvg, 0);
        state.ExpAvgSq.CopyTo(ExpAvgSq, 0);
        return state.StepCount;
    }
}
