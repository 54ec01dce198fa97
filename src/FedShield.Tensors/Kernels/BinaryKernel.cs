using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FedShield.Tensors.Kernels;

/// <summary>
/// Drivers that apply an <see cref="IBinaryOperator"/> over spans, widest vector first, scalar tail.
/// The destination may be exactly one of the sources (in place); partial overlap is not supported.
/// </summary>
internal static class BinaryKernel
{
    public static void Run<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
        where TOp : struct, IBinaryOperator
    {
        int n = x.Length;
        if (y.Length != n || destination.Length < n)
        {
            throw new ArgumentException($"BinaryKernel: lengths {x.Length}, {y.Length} -> {destination.Length} do not match.");
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= len; i += 16)
            {
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= len; i += 8)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= len; i += 4)
            {
                TOp.Invoke(Vector128.LoadUnsafe(ref xr, i), Vector128.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
            }
        }

        for (; i < len; i++)
        {
            Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
        }
    }

    /// <summary>destination[i] = op(x[i], y).</summary>
    public static void Run<TOp>(ReadOnlySpan<float> x, float y, Span<float> destination)
        where TOp : struct, IBinaryOperator
    {
        int n = x.Length;
        if (destination.Length < n)
        {
            throw new ArgumentException($"BinaryKernel: destination of {destination.Length} is shorter than {n}.");
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            var yv = Vector512.Create(y);
            for (; i + 16 <= len; i += 16)
            {
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, i), yv).StoreUnsafe(ref dr, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var yv = Vector256.Create(y);
            for (; i + 8 <= len; i += 8)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, i), yv).StoreUnsafe(ref dr, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var yv = Vector128.Create(y);
            for (; i + 4 <= len; i += 4)
            {
                TOp.Invoke(Vector128.LoadUnsafe(ref xr, i), yv).StoreUnsafe(ref dr, i);
            }
        }

        for (; i < len; i++)
        {
            Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i), y);
        }
    }

    /// <summary>destination[i] = op(x, y[i]).</summary>
    public static void Run<TOp>(float x, ReadOnlySpan<float> y, Span<float> destination)
        where TOp : struct, IBinaryOperator
    {
        int n = y.Length;
        if (destination.Length < n)
        {
            throw new ArgumentException($"BinaryKernel: destination of {destination.Length} is shorter than {n}.");
        }

        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float dr = ref MemoryMarshal.GetReference(destination);
        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            var xv = Vector512.Create(x);
            for (; i + 16 <= len; i += 16)
            {
                TOp.Invoke(xv, Vector512.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var xv = Vector256.Create(x);
            for (; i + 8 <= len; i += 8)
            {
                TOp.Invoke(xv, Vector256.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var xv = Vector128.Create(x);
            for (; i + 4 <= len; i += 4)
            {
                TOp.Invoke(xv, Vector128.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
            }
        }

        for (; i < len; i++)
        {
            Unsafe.Add(ref dr, i) = TOp.Invoke(x, Unsafe.Add(ref yr, i));
        }
    }
}
