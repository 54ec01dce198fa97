namespace FedShield.Tensors.Kernels;

/// <summary>Small fused kernels with no operator-struct form.</summary>
internal static class FusedKernels
{
    /// <summary>y += alpha·x.</summary>
    public static void AxpyInPlace(Span<float> y, ReadOnlySpan<float> x, float alpha)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Axpy: lengths {x.Length} and {y.Length} differ.");
        }

        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x, alpha, y, y);
    }

    /// <summary>destination = g where x &gt; 0, g·slope elsewhere (leaky-ReLU backward).</summary>
    public static void LeakyReluGrad(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float slope, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] > 0f ? g[i] : g[i] * slope;
        }
    }

    /// <summary>destination = x where x &gt; 0, x·slope elsewhere.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i];
            destination[i] = v > 0f ? v : v * slope;
        }
    }
}
