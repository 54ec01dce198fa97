using FedShield.Nn.Losses;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Losses;

public class KlDivLossTests
{
    // Row 0: p = (0.5, 0.5, 0), q = (0.25, 0.25, 0.5): KL = 2·0.5·ln 2 = ln 2 (the p = 0 term is 0).
    // Row 1: p = q = (0.2, 0.3, 0.5): KL = 0.
    private static Tensor LogQ() => Ops.Log(Tensor.FromArray([0.25f, 0.25f, 0.5f, 0.2f, 0.3f, 0.5f], 2, 3));

    private static Tensor P() => Tensor.FromArray([0.5f, 0.5f, 0f, 0.2f, 0.3f, 0.5f], 2, 3);

    [Fact]
    public void Forward_BatchMean_IsKlPerSample() => Expect.Close(Math.Log(2) / 2, new KlDivLoss().Forward(LogQ(), P()));

    [Fact]
    public void Forward_SumMeanNone()
    {
        Expect.Close(Math.Log(2), new KlDivLoss(KlDivReduction.Sum).Forward(LogQ(), P()));
        Expect.Close(Math.Log(2) / 6, new KlDivLoss(KlDivReduction.Mean).Forward(LogQ(), P()));
        var none = new KlDivLoss(KlDivReduction.None).Forward(LogQ(), P());
        Expect.Close([0.5 * Math.Log(2), 0.5 * Math.Log(2), 0, 0, 0, 0], none, 1e-5);
    }

    [Fact]
    public void Forward_LogTarget_MatchesProbabilityTarget() =>
        Expect.Close(Math.Log(2) / 2, new KlDivLoss(logTarget: true).Forward(LogQ(), Ops.Log(Tensor.FromArray([0.5f, 0.5f, 1e-30f, 0.2f, 0.3f, 0.5f], 2, 3))), 1e-5);

    [Fact]
    public void Backward_ZeroTargetProbability_GivesFiniteGradients()
    {
        var p = P();
        p.RequiresGrad = true;
        var q = LogQ();
        q.RequiresGrad = true;
        new KlDivLoss(KlDivReduction.Sum).Forward(q, p).Backward();
        Assert.All(p.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));

        // ∂/∂q = −p.
        Expect.Close([-0.5, -0.5, 0, -0.2, -0.3, -0.5], q.Grad!);
    }

    [Fact]
    public void Gradient_BothArguments_MatchesCentralDifferences()
    {
        var q = Ops.LogSoftmax(Tensor.Uniform(new Random(3), -1f, 1f, 2, 4), 1).Clone();
        var p = Tensor.Uniform(new Random(4), 0.1f, 1f, 2, 4);
        GradCheck.Check(t => new KlDivLoss().Forward(t[0], t[1]), [q, p]);
    }

    [Fact]
    public void Forward_ShapeMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => new KlDivLoss().Forward(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
}
