using FedShield.Nn.Optim.Kernels;

namespace FedShield.Nn.Tests.Optim;

/// <summary>The vectorised optimizer loops against their scalar references: every length 0..256, bit for bit, with a sentinel past the end.</summary>
public class OptimizerKernelTests
{
    private const float Sentinel = 12345.5f;

    public static TheoryData<int> Configurations => [0, 1, 2, 3, 4, 5];

    private static SgdScalars Sgd(int configuration) => configuration switch
    {
        0 => new SgdScalars(-0.1f, 0f, 0f, 1f, UseMomentum: false, FirstStep: false, Nesterov: false),
        1 => new SgdScalars(-0.1f, 0.01f, 0f, 1f, UseMomentum: false, FirstStep: false, Nesterov: false),
        2 => new SgdScalars(-0.1f, 0f, 0.9f, 1f, UseMomentum: true, FirstStep: true, Nesterov: false),
        3 => new SgdScalars(-0.1f, 0.01f, 0.9f, 0.5f, UseMomentum: true, FirstStep: false, Nesterov: false),
        4 => new SgdScalars(-0.1f, 0.01f, 0.9f, 1f, UseMomentum: true, FirstStep: true, Nesterov: true),
        _ => new SgdScalars(-0.05f, 0f, 0.8f, 1f, UseMomentum: true, FirstStep: false, Nesterov: true),
    };

    private static AdamScalars Adam(int configuration) => configuration switch
    {
        0 => new AdamScalars(1f, 0f, 0.9f, 0.1f, 0.999f, 0.001f, 0.0316f, 1e-8f, -1f),
        1 => new AdamScalars(0.999f, 0f, 0.9f, 0.1f, 0.999f, 0.001f, 0.0447f, 1e-8f, -0.5f),
        2 => new AdamScalars(1f, 0.01f, 0.9f, 0.1f, 0.99f, 0.01f, 0.1f, 1e-6f, -0.3f),
        3 => new AdamScalars(1f, 0f, 0.3f, 0.7f, 0.999f, 0.001f, 0.0316f, 1e-8f, -0.1f),
        4 => new AdamScalars(0.99f, 0f, 0.5f, 0.5f, 0.9f, 0.1f, 0.5f, 1e-3f, -0.2f),
        _ => new AdamScalars(1f, 0.1f, 0f, 1f, 0f, 1f, 1f, 1e-8f, -0.01f),
    };

    private static float[] Random(Random rng, int n, float low = -1f, float high = 1f)
    {
        var a = new float[n + 1];
        for (int i = 0; i < n; i++)
        {
            a[i] = low + ((high - low) * rng.NextSingle());
        }

        a[n] = Sentinel;
        return a;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void SgdKernel_EveryLength_MatchesReferenceBitForBit(int configuration)
    {
        var s = Sgd(configuration);
        var rng = new Random(configuration);
        for (int n = 0; n <= 256; n++)
        {
            var p = Random(rng, n);
            var g = Random(rng, n);
            var b = Random(rng, n);
            var p2 = (float[])p.Clone();
            var b2 = (float[])b.Clone();
            SgdKernel.Run(p.AsSpan(0, n), g.AsSpan(0, n), s.UseMomentum ? b.AsSpan(0, n) : default, s);
            SgdKernel.Reference(p2.AsSpan(0, n), g.AsSpan(0, n), s.UseMomentum ? b2.AsSpan(0, n) : default, s);
            Assert.Equal(p2, p);
            Assert.Equal(b2, b);
            Assert.Equal(Sentinel, p[n]);
            Assert.Equal(Sentinel, b[n]);
        }
    }

    [Fact]
    public void SgdKernel_GradientAliasingParameters_MatchesReference()
    {
        var s = Sgd(3);
        var rng = new Random(42);
        for (int n = 0; n <= 67; n++)
        {
            var p = Random(rng, n);
            var b = Random(rng, n);
            var p2 = (float[])p.Clone();
            var b2 = (float[])b.Clone();
            SgdKernel.Run(p.AsSpan(0, n), p.AsSpan(0, n), b.AsSpan(0, n), s);
            SgdKernel.Reference(p2.AsSpan(0, n), p2.AsSpan(0, n), b2.AsSpan(0, n), s);
            Assert.Equal(p2, p);
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void AdamKernel_EveryLength_MatchesReferenceBitForBit(int configuration)
    {
        var s = Adam(configuration);
        var rng = new Random(100 + configuration);
        for (int n = 0; n <= 256; n++)
        {
            var p = Random(rng, n);
            var g = Random(rng, n);
            var m = Random(rng, n, -0.1f, 0.1f);
            var v = Random(rng, n, 0f, 0.01f);
            var (p2, m2, v2) = ((float[])p.Clone(), (float[])m.Clone(), (float[])v.Clone());
            AdamKernel.Run(p.AsSpan(0, n), g.AsSpan(0, n), m.AsSpan(0, n), v.AsSpan(0, n), s);
            AdamKernel.Reference(p2.AsSpan(0, n), g.AsSpan(0, n), m2.AsSpan(0, n), v2.AsSpan(0, n), s);
            Assert.Equal(p2, p);
            Assert.Equal(m2, m);
            Assert.Equal(v2, v);
            Assert.Equal(Sentinel, p[n]);
            Assert.Equal(Sentinel, m[n]);
            Assert.Equal(Sentinel, v[n]);
        }
    }
}
