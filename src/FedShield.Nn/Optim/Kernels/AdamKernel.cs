using System.Numerics;

namespace FedShield.Nn.Optim.Kernels;

/// <summary>The scalars of one Adam/AdamW step, converted to float as PyTorch does for its kernels.</summary>
/// <param name="DecayFactor">1 − lr·wd for decoupled (AdamW) decay, else 1.</param>
/// <param name="WeightDecay">The L2 coefficient added to the gradient (Adam), else 0.</param>
/// <param name="Beta1">β₁.</param>
/// <param name="OneMinusBeta1">1 − β₁, the weight of the gradient in the first moment (PyTorch's lerp weight).</param>
/// <param name="Beta2">β₂.</param>
/// <param name="OneMinusBeta2">1 − β₂.</param>
/// <param name="BiasCorrection2Sqrt">√(1 − β₂ᵗ).</param>
/// <param name="Eps">ε, added outside the square root.</param>
/// <param name="NegativeStepSize">−lr / (1 − β₁ᵗ).</param>
internal readonly record struct AdamScalars(
    float DecayFactor, float WeightDecay, float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2,
    float BiasCorrection2Sqrt, float Eps, float NegativeStepSize);

/// <summary>
/// One Adam step over flat vectors, PyTorch semantics (torch.optim.Adam/AdamW, single-tensor path):
/// θ ← θ·(1 − lr·wd) for AdamW, or g ← g + wd·θ for Adam; m ← lerp(m, g, 1 − β₁);
/// v ← β₂·v + (1 − β₂)·g²; θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).
/// The vectorised loop and the scalar reference perform the same float operations in the same
/// order, so they agree bit for bit.
/// </summary>
internal static class AdamKernel
{
    public static void Run(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> expAvg, Span<float> expAvgSq, in AdamScalars s)
    {
        int n = parameters.Length;
        int i = 0;
        bool lerpFromStart = s.OneMinusBeta1 < 0.5f;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var decay = new Vector<float>(s.DecayFactor);
            var wd = new Vector<float>(s.WeightDecay);
            var w1 = new Vector<float>(s.OneMinusBeta1);
            var b1 = new Vector<float>(s.Beta1);
            var b2 = new Vector<float>(s.Beta2);
            var w2 = new Vector<float>(s.OneMinusBeta2);
            var bc2 = new Vector<float>(s.BiasCorrection2Sqrt);
            var eps = new Vector<float>(s.Eps);
            var step = new Vector<float>(s.NegativeStepSize);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var p = new Vector<float>(parameters[i..]);
                var g = new Vector<float>(gradients[i..]);
                var m = new Vector<float>(expAvg[i..]);
                var v = new Vector<float>(expAvgSq[i..]);
                if (s.DecayFactor != 1f)
                {
                    p *= decay;
                }

                if (s.WeightDecay != 0f)
                {
                    g += wd * p;
                }

                m = lerpFromStart ? m + (w1 * (g - m)) : g - ((g - m) * b1);
                v = (v * b2) + (w2 * g * g);
                var denom = (Vector.SquareRoot(v) / bc2) + eps;
                p += step * (m / denom);
                p.CopyTo(parameters[i..]);
                m.CopyTo(expAvg[i..]);
                v.CopyTo(expAvgSq[i..]);
            }
        }

        // Scalar tail: the reference performs the same operations.
        Reference(parameters[i..], gradients[i..], expAvg[i..], expAvgSq[i..], s);
    }

    /// <summary>The naive reference: one element at a time, written out plainly.</summary>
    public static void Reference(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> expAvg, Span<float> expAvgSq, in AdamScalars s)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float p = parameters[i];
            float g = gradients[i];
            if (s.DecayFactor != 1f)
            {
                p = p * s.DecayFactor;
            }

            if (s.WeightDecay != 0f)
            {
                g = g + (s.WeightDecay * p);
            }

            // PyTorch's lerp picks the formulation by the size of the weight.
            float m = s.OneMinusBeta1 < 0.5f
                ? expAvg[i] + (s.OneMinusBeta1 * (g - expAvg[i]))
                : g - ((g - expAvg[i]) * s.Beta1);
            float v = (expAvgSq[i] * s.Beta2) + (s.OneMinusBeta2 * g * g);
            float denom = (MathF.Sqrt(v) / s.BiasCorrection2Sqrt) + s.Eps;
            parameters[i] = p + (s.NegativeStepSize * (m / denom));
            expAvg[i] = m;
            expAvgSq[i] = v;
        }
    }
}
