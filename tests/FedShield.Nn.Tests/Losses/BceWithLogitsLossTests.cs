using FedShield.Nn.Losses;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Losses;

public class BceWithLogitsLossTests
{
    private static double Softplus(double z) => Math.Log(1 + Math.Exp(z));

    private static Tensor Logits() => Tensor.FromArray([0f, 2f, -3f], 3);

    private static Tensor Targets() => Tensor.FromArray([1f, 0f, 1f], 3);

    [Fact]
    public void Forward_None_IsSoftplusOfSignedLogit()
    {
        var y = new BceWithLogitsLoss(Reduction.None).Forward(Logits(), Targets());
        Expect.Close([Softplus(0), Softplus(2), Softplus(3)], y);
    }

    [Fact]
    public void Forward_MeanAndSum()
    {
        double sum = Softplus(0) + Softplus(2) + Softplus(3);
        Expect.Close(sum / 3, new BceWithLogitsLoss().Forward(Logits(), Targets()));
        Expect.Close(sum, new BceWithLogitsLoss(Reduction.Sum).Forward(Logits(), Targets()));
    }

    [Fact]
    public void Forward_LargeLogits_StayFinite()
    {
        var y = new BceWithLogitsLoss(Reduction.None).Forward(Tensor.FromArray([100f, -100f], 2), Tensor.FromArray([0f, 1f], 2));
        Expect.Close([100, 100], y);
    }

    [Fact]
    public void Forward_PositiveWeight_ScalesPositiveTerm()
    {
        var loss = new BceWithLogitsLoss(Reduction.None, positiveWeight: [3f]);
        Expect.Close([3 * Softplus(0), Softplus(2), 3 * Softplus(3)], loss.Forward(Logits(), Targets()), 1e-5);
    }

    [Fact]
    public void Forward_PositiveWeightSoftTargets_MatchesDefinition()
    {
        // ℓ = −[p·t·log σ(x) + (1 − t)·log(1 − σ(x))] with log σ(x) = −softplus(−x), log(1 − σ(x)) = −softplus(x).
        var x = Tensor.FromArray([0.5f, -1f, 2f, 0f], 2, 2);
        var t = Tensor.FromArray([0.25f, 1f, 0f, 0.5f], 2, 2);
        var p = new[] { 2.0, 0.5 };
        var xs = new[] { 0.5, -1, 2, 0 };
        var ts = new[] { 0.25, 1, 0, 0.5 };
        var expected = Enumerable.Range(0, 4).Select(i => (p[i % 2] * ts[i] * Softplus(-xs[i])) + ((1 - ts[i]) * Softplus(xs[i]))).ToArray();
        Expect.Close(expected, new BceWithLogitsLoss(Reduction.None, [2f, 0.5f]).Forward(x, t));
    }

    [Fact]
    public void Gradient_WithPositiveWeight_MatchesCentralDifferences()
    {
        var loss = new BceWithLogitsLoss(positiveWeight: [2f, 0.5f]);
        var x = Tensor.Uniform(new Random(2), -2f, 2f, 3, 2);
        var t = Tensor.FromArray([1f, 0f, 0.3f, 1f, 0f, 0.5f], 3, 2);
        GradCheck.Check(a => loss.Forward(a[0], t), [x]);
    }

    [Fact]
    public void Backward_Mean_IsSigmoidMinusTargetOverN()
    {
        var x = Logits();
        x.RequiresGrad = true;
        new BceWithLogitsLoss().Forward(x, Targets()).Backward();
        double S(double z) => 1 / (1 + Math.Exp(-z));
        Expect.Close([(S(0) - 1) / 3, S(2) / 3, (S(-3) - 1) / 3], x.Grad!);
    }

    [Fact]
    public void Forward_ShapeMismatch_NamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new BceWithLogitsLoss().Forward(Tensor.Zeros(4, 1), Tensor.Zeros(4)));
        Assert.Contains("logits (4, 1) and targets (4,)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativePositiveWeight_Throws() =>
        Assert.Throws<ArgumentException>(() => new BceWithLogitsLoss(positiveWeight: [-1f]));
}
