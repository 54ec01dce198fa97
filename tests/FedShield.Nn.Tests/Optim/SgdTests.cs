using FedShield.Nn.Layers;
using FedShield.Nn.Losses;
using FedShield.Nn.Optim;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Optim;

public class SgdTests
{
    // One parameter θ₀ = 1 driven by a gradient that is a function of θ.
    private static double[] Run(SgdOptions options, Func<float, float> gradient, int steps = 3)
    {
        var p = new[] { 1f };
        var g = new float[1];
        var sgd = new Sgd(p, g, options);
        var trace = new double[steps];
        for (int i = 0; i < steps; i++)
        {
            g[0] = gradient(p[0]);
            sgd.Step();
            trace[i] = p[0];
        }

        return trace;
    }

    [Fact]
    public void Step_Plain_MovesAgainstGradient() =>
        Expect.Close([0.9, 0.8, 0.7], Run(new SgdOptions(0.1), _ => 1f).Select(v => (float)v).ToArray());

    [Fact]
    public void Step_Momentum_FirstBufferIsTheGradient()
    {
        // b = 1, 0.9·1 + 1 = 1.9, 0.9·1.9 + 1 = 2.71; θ = 1 − 0.1·Σb.
        Expect.Close([0.9, 0.71, 0.439], Run(new SgdOptions(0.1, momentum: 0.9), _ => 1f).Select(v => (float)v).ToArray());
    }

    [Fact]
    public void Step_Nesterov_UsesGradientPlusMomentumTimesBuffer()
    {
        // b = 1, 1.9, 2.71; d = 1 + 0.9·b = 1.9, 2.71, 3.439.
        Expect.Close([0.81, 0.539, 0.1951], Run(new SgdOptions(0.1, momentum: 0.9, nesterov: true), _ => 1f).Select(v => (float)v).ToArray());
    }

    [Fact]
    public void Step_Dampening_AppliesFromTheSecondStepOnly()
    {
        // b = 1 (undampened first step), 0.9·1 + 0.5·1 = 1.4, 0.9·1.4 + 0.5 = 1.76.
        Expect.Close([0.9, 0.76, 0.584], Run(new SgdOptions(0.1, momentum: 0.9, dampening: 0.5), _ => 1f).Select(v => (float)v).ToArray());
    }

    [Fact]
    public void Step_WeightDecay_AddsDecayTimesParameterToGradient()
    {
        // Gradient θ (loss θ²/2) plus 0.1·θ: θ ← θ·(1 − 0.1·1.1) = 0.89·θ.
        Expect.Close([0.89, 0.7921, 0.704969], Run(new SgdOptions(0.1, weightDecay: 0.1), p => p).Select(v => (float)v).ToArray());
    }

    [Fact]
    public void Step_MomentumAndWeightDecay_Combined()
    {
        // d₁ = 1 + 0.1 = 1.1, b₁ = 1.1, θ₁ = 1 − 0.11 = 0.89;
        // d₂ = 1 + 0.089 = 1.089, b₂ = 0.99 + 1.089 = 2.079, θ₂ = 0.89 − 0.2079 = 0.6821;
        // d₃ = 1 + 0.06821 = 1.06821, b₃ = 1.8711 + 1.06821 = 2.93931, θ₃ = 0.6821 − 0.293931 = 0.388169.
        Expect.Close([0.89, 0.6821, 0.388169], Run(new SgdOptions(0.1, momentum: 0.9, weightDecay: 0.1), _ => 1f).Select(v => (float)v).ToArray());
    }

    [Fact]
    public void Step_OnModel_MatchesDoublePrecisionReplay()
    {
        // y = w·x + b fitted by MSE on two points; three Nesterov steps with weight decay, replayed in double.
        var layer = new Linear(2, 1, new Random(1));
        var model = new Sequential(layer);
        model.Materialize();
        model.SetParameters([0.5f, -0.25f, 0.1f]);
        float[] xs = [1f, 2f, -1f, 0.5f];
        float[] ys = [1f, -1f];
        var x = Tensor.FromArray(xs, 2, 2);
        var y = Tensor.FromArray(ys, 2, 1);
        var options = new SgdOptions(0.05, momentum: 0.8, nesterov: true, weightDecay: 0.01);
        var sgd = new Sgd(model, options);
        for (int i = 0; i < 3; i++)
        {
            model.ZeroGrad();
            new MseLoss().Forward(model.Forward(x), y).Backward();
            sgd.Step();
        }

        double[] theta = [0.5, -0.25, 0.1];
        var buffer = new double[3];
        for (int step = 0; step < 3; step++)
        {
            var grad = new double[3];
            for (int n = 0; n < 2; n++)
            {
                double r = (theta[0] * xs[2 * n]) + (theta[1] * xs[(2 * n) + 1]) + theta[2] - ys[n];
                grad[0] += r * xs[2 * n];
                grad[1] += r * xs[(2 * n) + 1];
                grad[2] += r;
            }

            for (int k = 0; k < 3; k++)
            {
                double d = grad[k] + (0.01 * theta[k]);   // mean of squared residuals: ∂ = 2r·x / 2
                buffer[k] = step == 0 ? d : (0.8 * buffer[k]) + d;
                theta[k] -= 0.05 * (d + (0.8 * buffer[k]));
            }
        }

        Expect.Close(theta, model.ParameterBuffer.ToArray(), 1e-6);
        Assert.Equal(3, sgd.StepCount);
    }

    [Fact]
    public void Step_NeverWritesTheGradients()
    {
        var p = new[] { 1f, 2f };
        var g = new[] { 0.5f, -0.5f };
        new Sgd(p, g, new SgdOptions(0.1, momentum: 0.9, weightDecay: 0.1)).Step();
        Assert.Equal([0.5f, -0.5f], g);
    }
}
