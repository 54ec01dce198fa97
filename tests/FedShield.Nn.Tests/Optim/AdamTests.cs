using FedShield.Nn.Optim;

namespace FedShield.Nn.Tests.Optim;

public class AdamTests
{
    private static readonly float[] Gradients = [1f, -2f, 0.5f];

    // θ₀ = 1 driven by the fixed gradients 1, −2, 0.5 (plus wd·θ for Adam's L2 decay).
    private static float[] Run(Optimizer optimizer, float[] p, float[] g)
    {
        var trace = new float[Gradients.Length];
        for (int i = 0; i < Gradients.Length; i++)
        {
            g[0] = Gradients[i];
            optimizer.Step();
            trace[i] = p[0];
        }

        return trace;
    }

    // PyTorch's update written out in double: m, v, bias corrections, ε outside the square root.
    private static double[] Replay(double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        double theta = 1;
        double m = 0;
        double v = 0;
        var trace = new double[Gradients.Length];
        for (int t = 1; t <= Gradients.Length; t++)
        {
            double g = Gradients[t - 1];
            if (decoupled)
            {
                theta *= 1 - (lr * weightDecay);
            }
            else
            {
                g += weightDecay * theta;
            }

            m = (beta1 * m) + ((1 - beta1) * g);
            v = (beta2 * v) + ((1 - beta2) * g * g);
            double denom = (Math.Sqrt(v) / Math.Sqrt(1 - Math.Pow(beta2, t))) + eps;
            theta -= lr / (1 - Math.Pow(beta1, t)) * m / denom;
            trace[t - 1] = theta;
        }

        return trace;
    }

    [Fact]
    public void Step_ThreeSteps_MatchHandComputedValues()
    {
        // Step 1: m = 0.1, v = 0.001, m̂ = 1, v̂ = 1 → θ = 1 − 0.1/(1 + 1e-8).
        // Step 2: m = 0.09 − 0.2 = −0.11, v = 0.000999 + 0.004 = 0.004999,
        //         θ = θ₁ + 0.1/0.19 · 0.11 / (√0.004999 / √0.001999 + 1e-8).
        // Step 3: m = −0.099 + 0.05 = −0.049, v = 0.004994001 + 0.00025 = 0.005244001,
        //         θ = θ₂ + 0.1/0.271 · 0.049 / (√0.005244001 / √0.002997001 + 1e-8).
        double t1 = 1 - (0.1 / (1 + 1e-8));
        double t2 = t1 + (0.1 / 0.19 * 0.11 / ((Math.Sqrt(0.004999) / Math.Sqrt(0.001999)) + 1e-8));
        double t3 = t2 + (0.1 / 0.271 * 0.049 / ((Math.Sqrt(0.005244001) / Math.Sqrt(0.002997001)) + 1e-8));
        var p = new[] { 1f };
        var g = new float[1];
        Expect.Close([t1, t2, t3], Run(new Adam(p, g, new AdamOptions(0.1)), p, g), 1e-6);
        var replay = Replay(0.1, 0.9, 0.999, 1e-8, 0, decoupled: false);
        Assert.Equal(t1, replay[0], 12);
        Assert.Equal(t2, replay[1], 12);
        Assert.Equal(t3, replay[2], 12);
    }

    [Fact]
    public void Step_L2WeightDecay_AddsToGradient()
    {
        var p = new[] { 1f };
        var g = new float[1];
        var adam = new Adam(p, g, new AdamOptions(0.05, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.1));
        Expect.Close(Replay(0.05, 0.8, 0.99, 1e-6, 0.1, decoupled: false), Run(adam, p, g), 1e-6);
    }

    [Fact]
    public void Step_AdamW_DecaysParametersBeforeTheUpdate()
    {
        var p = new[] { 1f };
        var g = new float[1];
        var adamw = new AdamW(p, g, new AdamWOptions(0.05, weightDecay: 0.1));
        var expected = Replay(0.05, 0.9, 0.999, 1e-8, 0.1, decoupled: true);
        Expect.Close(expected, Run(adamw, p, g), 1e-6);

        // Decoupled decay differs from L2 decay.
        Assert.NotEqual(expected[2], Replay(0.05, 0.9, 0.999, 1e-8, 0.1, decoupled: false)[2], 6);
    }

    [Fact]
    public void AdamW_DefaultWeightDecay_IsTorchDefault() => Assert.Equal(0.01, new AdamWOptions().WeightDecay);

    [Fact]
    public void Step_AdamWithoutDecay_EqualsAdamWWithoutDecay()
    {
        var p1 = new[] { 1f };
        var g1 = new float[1];
        var p2 = new[] { 1f };
        var g2 = new float[1];
        Assert.Equal(
            Run(new Adam(p1, g1, new AdamOptions(0.1)), p1, g1),
            Run(new AdamW(p2, g2, new AdamWOptions(0.1, weightDecay: 0)), p2, g2));
    }

    [Fact]
    public void Step_SmallBeta1_UsesTheOtherLerpFormAndStaysCorrect()
    {
        var p = new[] { 1f };
        var g = new float[1];
        var adam = new Adam(p, g, new AdamOptions(0.1, beta1: 0.3));
        Expect.Close(Replay(0.1, 0.3, 0.999, 1e-8, 0, decoupled: false), Run(adam, p, g), 1e-6);
    }

    [Fact]
    public void ExpAvg_AfterFirstStep_IsOneMinusBeta1TimesGradient()
    {
        var p = new[] { 1f, 1f };
        var g = new[] { 2f, -4f };
        var adam = new Adam(p, g, new AdamOptions());
        adam.Step();
        Expect.Close([0.2, -0.4], adam.ExpAvg);
        Expect.Close([0.004, 0.016], adam.ExpAvgSq);
        Assert.Equal(1, adam.StepCount);
    }
}
