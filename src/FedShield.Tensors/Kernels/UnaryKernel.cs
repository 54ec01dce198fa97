using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FedShield.Tensors.Kernels;

/// <summary>Applies an <see cref="IUnaryOperator"/> over a span, widest vector first; in place allowed.</summary>
internal static class UnaryKernel
{
    public static void Run<TOp>(ReadOnlySpan<float> x, Span<float> destination)
        where TOp : struct, IUnaryOperator
    {
        int n = x.Length;
        if (destination.Length < n)
        {
            throw new ArgumentException($"UnaryKernel: destination of {destination.Length} is shorter than {n}.");
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= len; i += 16)
            {
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, i)).StoreUnsafe(ref dr, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= len; i += 8)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, i)).StoreUnsafe(ref dr, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= len; i += 4)
            {
                TOp.Invoke(Vector128.LoadUnsafe(ref xr, i)).StoreUnsafe(ref dr, i);
            }
        }

        for (; i < len; i++)
        {
            Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i));
        }
    }
}
