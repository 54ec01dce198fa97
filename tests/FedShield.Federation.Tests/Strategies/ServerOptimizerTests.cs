using FedShield.Federation.Strategies;

namespace FedShield.Federation.Tests.Strategies;

public class ServerOptimizerTests
{
    [Fact]
    public void ServerSgd_LearningRateOne_GivesWeightsPlusDelta()
    {
        float[] w = [1f, 2f];
        new ServerSgd().Apply(w, [0.5f, -1f]);
        Assert.Equal([1.5f, 1f], w);
    }

    [Fact]
    public void ServerSgd_Momentum_AccumulatesVelocity()
    {
        float[] w = [0f];
        var opt = new ServerSgd(learningRate: 0.5, momentum: 0.9);
        opt.Apply(w, [1f]); // v = 1, w = 0.5
        opt.Apply(w, [1f]); // v = 1.9, w = 0.5 + 0.95
        Assert.Equal(1.45f, w[0], 6);
    }

    [Theory]
    [InlineData(AdaptiveKind.Adagrad)]
    [InlineData(AdaptiveKind.Adam)]
    [InlineData(AdaptiveKind.Yogi)]
    public void ServerAdaptive_MatchesScalarReference(AdaptiveKind kind)
    {
        const double eta = 0.1, b1 = 0.9, b2 = 0.99, tau = 1e-3;
        var opt = new ServerAdaptive(kind, eta, b1, b2, tau);
        float[] w = [1f];
        double rw = 1, m = 0, v = tau * tau;
        foreach (var d in new[] { 0.3, -0.2, 0.05 })
        {
            opt.Apply(w, [(float)d]);
            m = b1 * m + (1 - b1) * d;
            v = kind switch
            {
                AdaptiveKind.Adagrad => v + d * d,
                AdaptiveKind.Adam => b2 * v + (1 - b2) * d * d,
                _ => v - (1 - b2) * d * d * Math.Sign(v - d * d),
            };
            rw += eta * m / (Math.Sqrt(v) + tau);
        }

        Assert.Equal(rw, w[0], 5);
    }

    [Fact]
    public void ExportImport_ContinuesIdentically()
    {
        var a = new ServerAdaptive(AdaptiveKind.Yogi, 0.05);
        float[] wa = [1f, -1f];
        a.Apply(wa, [0.2f, 0.1f]);
        var b = new ServerAdaptive(AdaptiveKind.Yogi, 0.05);
        b.ImportState(a.ExportState());
        float[] wb = (float[])wa.Clone();
        a.Apply(wa, [0.3f, -0.4f]);
        b.Apply(wb, [0.3f, -0.4f]);
        Assert.Equal(wa, wb);

        var s = new ServerSgd(1, 0.9);
        float[] ws = [0f];
        s.Apply(ws, [1f]);
        var t = new ServerSgd(1, 0.9);
        t.ImportState(s.ExportState());
        float[] wt = (float[])ws.Clone();
        s.Apply(ws, [2f]);
        t.Apply(wt, [2f]);
        Assert.Equal(ws, wt);
    }

    [Fact]
    public void Constructors_RejectOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerSgd(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerSgd(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerAdaptive(AdaptiveKind.Adam, tau: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServerAdaptive(AdaptiveKind.Adam, beta2: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Federation.Strategies.Strategies.FedProx(UniformSampler.WithCount(1), -1));
    }

    [Fact]
    public void Apply_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ServerSgd().Apply(new float[2], new float[3]));
    }
}
