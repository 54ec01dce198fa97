using System.Numerics;

namespace FedShield.Learning;

/// <summary>FedProx's proximal term (Li et al., MLSys 2020): the client minimises F(w) + (μ/2)·‖w − w_global‖².</summary>
internal static class ProximalTerm
{
    /// <summary>Adds the term's gradient μ·(w − w_global) to <paramref name="gradient"/> in place.</summary>
    public static void AddGradientInPlace(Span<float> gradient, ReadOnlySpan<float> weights, ReadOnlySpan<float> global, float mu)
    {
        if (weights.Length != gradient.Length || global.Length != gradient.Length)
        {
            throw new ArgumentException($"ProximalTerm: gradient, weights and global weights have {gradient.Length}, {weights.Length} and {global.Length} elements; they must match.", nameof(global));
        }

        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var m = new Vector<float>(mu);
            for (; i <= gradient.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradient[i..]);
                var d = new Vector<float>(weights[i..]) - new Vector<float>(global[i..]);
                (g + (m * d)).CopyTo(gradient[i..]);
            }
        }

        // Same operations in the same order as the vector body, so the split point changes nothing.
        for (; i < gradient.Length; i++)
        {
            gradient[i] += mu * (weights[i] - global[i]);
        }
    }
}
