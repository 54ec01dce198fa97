using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// Draws Gaussian noise N(0, σ²) from a cryptographically secure stream: the AES-CTR
/// <see cref="Prg"/>, keyed by the operating system's random generator unless a generator is given
/// (a test, or NISS regenerating a noise share from an agreed seed).
/// </summary>
/// <remarks>
/// <para>
/// Box–Muller on pairs of 53-bit uniforms: u₁ ∈ (0, 1], u₂ ∈ [0, 1), r = √(−2 ln u₁),
/// z = (r cos 2πu₂, r sin 2πu₂). Each pair of normals consumes two consecutive 64-bit words of the
/// stream and the second normal of a pair is kept for the next draw, so the sequence of normals
/// depends only on the generator's seed, whichever mix of <see cref="Next()"/>,
/// <see cref="Fill(Span{float}, double)"/> and <see cref="AddInPlace(Span{float}, double)"/> reads it.
/// Because u₁ ≥ 2⁻⁵³, |z| ≤ √(106 ln 2) ≈ 8.57: the tails beyond 8.57σ (probability about 10⁻¹⁷)
/// are cut.
/// </para>
/// <para>
/// This is floating-point noise, not a discrete Gaussian: like every floating-point sampler its
/// low-order bits are not exactly distributed as the mathematical mechanism assumes (Mironov,
/// CCS 2012, showed the consequence for the Laplace mechanism). The noise added to a float32 update
/// is rounded to float32 again. Not thread-safe; one sampler per stream.
/// </para>
/// </remarks>
public sealed class GaussianNoise : IDisposable
{
    private const int BufferWords = 512;
    private const double Unit = 1.0 / (1UL << 53);

    private readonly Prg _prg;
    private readonly bool _ownsPrg;
    private readonly ulong[] _words = new ulong[BufferWords];
    private int _position = BufferWords;
    private double _spare;
    private bool _hasSpare;
    private bool _disposed;

    /// <summary>A sampler keyed by a fresh seed from the operating system's random generator.</summary>
    public GaussianNoise()
        : this(Prg.FromOsRandom(), ownsGenerator: true)
    {
    }

    /// <summary>A sampler reading <paramref name="generator"/>.</summary>
    /// <param name="generator">The uniform stream the normals are made from.</param>
    /// <param name="ownsGenerator">Whether <see cref="Dispose"/> also disposes the generator.</param>
    public GaussianNoise(Prg generator, bool ownsGenerator = false)
    {
        _prg = generator ?? throw new ArgumentNullException(nameof(generator));
        _ownsPrg = ownsGenerator;
    }

    /// <summary>A sampler for the stream of a 32-byte seed (owns its generator).</summary>
    /// <exception cref="ArgumentException">The seed is not <see cref="Prg.SeedBytes"/> bytes long.</exception>
    public static GaussianNoise FromSeed(ReadOnlySpan<byte> seed) => new(new Prg(seed), ownsGenerator: true);

    /// <summary>The next standard normal N(0, 1).</summary>
    public double Next()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        var (z0, z1) = NextPair();
        _spare = z1;
        _hasSpare = true;
        return z0;
    }

    /// <summary>The next draw of N(0, σ²).</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ is negative or not finite.</exception>
    public double Next(double sigma)
    {
        CheckSigma(sigma);
        return sigma * Next();
    }

    /// <summary>Overwrites every element of <paramref name="destination"/> with an independent draw of N(0, σ²) (rounded to float).</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ is negative or not finite.</exception>
    public void Fill(Span<float> destination, double sigma)
    {
        CheckSigma(sigma);
        destination.Clear();
        AddCore(destination, sigma);
    }

    /// <summary>Overwrites every element of <paramref name="destination"/> with an independent draw of N(0, σ²).</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ is negative or not finite.</exception>
    public void Fill(Span<double> destination, double sigma)
    {
        CheckSigma(sigma);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var i = 0;
        if (_hasSpare && destination.Length > 0)
        {
            destination[i++] = sigma * _spare;
            _hasSpare = false;
        }

        for (; i + 1 < destination.Length; i += 2)
        {
            var (z0, z1) = NextPair();
            destination[i] = sigma * z0;
            destination[i + 1] = sigma * z1;
        }

        if (i < destination.Length)
        {
            destination[i] = sigma * Next();
        }
    }

    /// <summary>Adds an independent draw of N(0, σ²) to every element of <paramref name="values"/> (the sum computed in double, rounded to float).</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ is negative or not finite.</exception>
    public void AddInPlace(Span<float> values, double sigma)
    {
        CheckSigma(sigma);
        AddCore(values, sigma);
    }

    /// <summary>Disposes the generator when this sampler owns it, and forgets the kept normal.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _spare = 0;
        _hasSpare = false;
        Array.Clear(_words);
        if (_ownsPrg)
        {
            _prg.Dispose();
        }
    }

    private void AddCore(Span<float> values, double sigma)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var i = 0;
        if (_hasSpare && values.Length > 0)
        {
            values[i] = (float)(values[i] + (sigma * _spare));
            i++;
            _hasSpare = false;
        }

        for (; i + 1 < values.Length; i += 2)
        {
            var (z0, z1) = NextPair();
            values[i] = (float)(values[i] + (sigma * z0));
            values[i + 1] = (float)(values[i + 1] + (sigma * z1));
        }

        if (i < values.Length)
        {
            values[i] = (float)(values[i] + (sigma * Next()));
        }
    }

    private (double Z0, double Z1) NextPair()
    {
        if (_position + 2 > BufferWords)
        {
            _prg.NextUInt64(_words);
            _position = 0;
        }

        // u1 in (0, 1] keeps the logarithm finite; u2 in [0, 1) is the angle.
        var u1 = ((_words[_position] >> 11) + 1) * Unit;
        var u2 = (_words[_position + 1] >> 11) * Unit;
        _position += 2;
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
        return (r * cos, r * sin);
    }

    private static void CheckSigma(double sigma)
    {
        if (!(sigma >= 0) || double.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the noise standard deviation must be non-negative and finite");
        }
    }
}
