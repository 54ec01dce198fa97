using FedShield.Tensors;

namespace FedShield.Nn.Losses;

/// <summary>Negative log-likelihood of picked classes, shared by <see cref="NllLoss"/> and <see cref="CrossEntropyLoss"/>.</summary>
internal static class NllCore
{
    // logProbs: (N, C), targets: N class indices → per-sample −w[t]·logp[i, t], reduced.
    public static Tensor Compute(string loss, Tensor logProbs, ReadOnlySpan<int> targets, ClassificationLossOptions options)
    {
        if (logProbs.Rank != 2)
        {
            throw new ArgumentException($"{loss}: input {ShapeText.Format(logProbs.Shape)} must be (N, C).", nameof(logProbs));
        }

        int n = logProbs.Size(0);
        int c = logProbs.Size(1);
        if (targets.Length != n)
        {
            throw new ArgumentException($"{loss}: {targets.Length} targets given for input {ShapeText.Format(logProbs.Shape)} ({n} samples).", nameof(targets));
        }

        var classWeights = options.ClassWeights;
        if (classWeights is not null && classWeights.Count != c)
        {
            throw new ArgumentException($"{loss}: {classWeights.Count} class weights given for {c} classes.", nameof(options));
        }

        var index = new int[n];
        var negativeWeight = new float[n];
        double weightSum = 0;
        bool weighted = classWeights is not null;
        for (int i = 0; i < n; i++)
        {
            int t = targets[i];
            if (options.IgnoreIndex == t)
            {
                weighted = true;
                continue;
            }

            if ((uint)t >= (uint)c)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), t, $"{loss}: target {t} at position {i} is not a class index: there are {c} classes [0, {c}).");
            }

            float w = classWeights is null ? 1f : classWeights[t];
            index[i] = t;
            negativeWeight[i] = -w;
            weightSum += w;
        }

        var picked = Ops.Reshape(Ops.Gather(logProbs, 1, index, [n, 1]), n);   // (N)
        var losses = Ops.Mul(picked, Tensor.FromArray(negativeWeight, n));
        return options.Reduction switch
        {
            Reduction.None => losses,
            Reduction.Sum => Ops.Sum(losses),
            _ => weighted ? Ops.Mul(Ops.Sum(losses), (float)(1.0 / weightSum)) : Ops.Mean(losses),
        };
    }
}
