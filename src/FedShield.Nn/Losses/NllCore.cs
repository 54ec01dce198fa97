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

        // The index array is kept by the Gather node until the backward pass, so it is fresh per call;
        // the per-sample weights, needed only with class weights or an ignored index, are pooled.
        var index = new int[n];
        bool weighted = classWeights is not null || options.IgnoreIndex is not null;
        var sampleWeight = weighted ? Tensor.Zeros(n) : null;
        var ws = sampleWeight is null ? [] : sampleWeight.Span;
        double weightSum = 0;
        for (int i = 0; i < n; i++)
        {
            int t = targets[i];
            if (options.IgnoreIndex == t)
            {
                continue;
            }

            if ((uint)t >= (uint)c)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), t, $"{loss}: target {t} at position {i} is not a class index: there are {c} classes [0, {c}).");
            }

            index[i] = t;
            if (weighted)
            {
                float w = classWeights is null ? 1f : classWeights[t];
                ws[i] = -w;
                weightSum += w;
            }
        }

        var picked = Ops.Reshape(Ops.Gather(logProbs, 1, index, [n, 1]), n);   // (N)
        var losses = sampleWeight is null ? Ops.Neg(picked) : Ops.Mul(picked, sampleWeight);
        return options.Reduction switch
        {
            Reduction.None => losses,
            Reduction.Sum => Ops.Sum(losses),
            _ => weighted ? Ops.Mul(Ops.Sum(losses), (float)(1.0 / weightSum)) : Ops.Mean(losses),
        };
    }
}
