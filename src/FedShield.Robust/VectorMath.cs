namespace FedShield.Robust;

/// <summary>
/// Reductions and updates over float vectors, accumulated in double precision. Each reduction keeps
/// four scalar partial sums in a fixed order, so its result is the same on every machine whatever the
/// SIMD width (a vectorised float reduction would not be).
/// </summary>
internal static class VectorMath
{
    /// <summary>Σ a_k b_k in double.</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        b = b[..a.Length];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var k = 0;
        for (; k <= a.Length - 4; k += 4)
        {
            s0 += (double)a[k] * b[k];
            s1 += (double)a[k + 1] * b[k + 1];
            s2 += (double)a[k + 2] * b[k + 2];
            s3 += (double)a[k + 3] * b[k + 3];
        }

        for (; k < a.Length; k++)
        {
            s0 += (double)a[k] * b[k];
        }

        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>‖a‖² in double.</summary>
    public static double SquaredNorm(ReadOnlySpan<float> a) => Dot(a, a);

    /// <summary>‖a‖ in double.</summary>
    public static double Norm(ReadOnlySpan<float> a) => Math.Sqrt(Dot(a, a));

    /// <summary>‖z − w‖ in double.</summary>
    public static double Distance(ReadOnlySpan<double> z, ReadOnlySpan<float> w)
    {
        w = w[..z.Length];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var k = 0;
        for (; k <= z.Length - 4; k += 4)
        {
            double d0 = z[k] - w[k], d1 = z[k + 1] - w[k + 1], d2 = z[k + 2] - w[k + 2], d3 = z[k + 3] - w[k + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }

        for (; k < z.Length; k++)
        {
            var d = z[k] - w[k];
            s0 += d * d;
        }

        return Math.Sqrt((s0 + s1) + (s2 + s3));
    }

    /// <summary>acc += scale · x, element by element, in double.</summary>
    public static void AddScaledInPlace(Span<double> acc, double scale, ReadOnlySpan<float> x)
    {
        x = x[..acc.Length];
        for (var k = 0; k < acc.Length; k++)
        {
            acc[k] += scale * x[k];
        }
    }

    /// <summary>
    /// x / divisor rounded to single precision. Dividing (rather than multiplying by a rounded
    /// reciprocal) returns v exactly when x = divisor · v exactly, e.g. a weighted sum of identical updates.
    /// </summary>
    public static float[] ToSingle(ReadOnlySpan<double> x, double divisor)
    {
        var result = new float[x.Length];
        for (var k = 0; k < x.Length; k++)
        {
            result[k] = (float)(x[k] / divisor);
        }

        return result;
    }

    /// <summary>The median of <paramref name="values"/> (mean of the two middle values for an even count); sorts them in place.</summary>
    public static double MedianInPlace(Span<double> values)
    {
        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
    }
}
