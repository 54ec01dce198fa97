using System.Numerics;

namespace FedShield.Nn.Optim.Kernels;

/// <summary>The scalars of one SGD step, already converted to float as PyTorch does for its kernels.</summary>
internal readonly record struct SgdScalars(float NegativeLearningRate, float WeightDecay, float Momentum, float OneMinusDampening, bool UseMomentum, bool FirstStep, bool Nesterov);

/// <summary>
/// One SGD step over flat vectors, PyTorch semantics: d = g + wd·θ (when wd ≠ 0); with momentum
/// b = d on the first step and b = μ·b + (1 − τ)·d afterwards, then d = d + μ·b (Nesterov) or d = b;
/// finally θ = θ − lr·d. The vectorised loop and the scalar reference perform the same float
/// operations in the same order, so they agree bit for bit.
/// </summary>
internal static class SgdKernel
{
    public static void Run(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> momentumBuffer, in SgdScalars s)
    {
        int n = parameters.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var lr = new Vector<float>(s.NegativeLearningRate);
            var wd = new Vector<float>(s.WeightDecay);
            var mu = new Vector<float>(s.Momentum);
            var damp = new Vector<float>(s.OneMinusDampening);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var p = new Vector<float>(parameters[i..]);
                var d = new Vector<float>(gradients[i..]);
                if (s.WeightDecay != 0f)
                {
                    d += wd * p;
                }

                if (s.UseMomentum)
                {
                    var b = s.FirstStep ? d : (new Vector<float>(momentumBuffer[i..]) * mu) + (damp * d);
                    b.CopyTo(momentumBuffer[i..]);
                    d = s.Nesterov ? d + (mu * b) : b;
                }

                (p + (lr * d)).CopyTo(parameters[i..]);
            }
        }

        // Scalar tail: the reference performs the same operations.
        Reference(parameters[i..], gradients[i..], s.UseMomentum ? momentumBuffer[i..] : default, s);
    }

    /// <summary>The naive reference: one element at a time, written out plainly.</summary>
    public static void Reference(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> momentumBuffer, in SgdScalars s)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float d = gradients[i];
            if (s.WeightDecay != 0f)
            {
                d = d + (s.WeightDecay * parameters[i]);
            }

            if (s.UseMomentum)
            {
                momentumBuffer[i] = s.FirstStep ? d : (momentumBuffer[i] * s.Momentum) + (s.OneMinusDampening * d);
                d = s.Nesterov ? d + (s.Momentum * momentumBuffer[i]) : momentumBuffer[i];
            }

            parameters[i] = parameters[i] + (s.NegativeLearningRate * d);
        }
    }
}
