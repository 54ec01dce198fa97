using FedShield.Nn.Optim;

namespace FedShield.Nn.Tests.Optim;

public class OptimizerStateTests
{
    private static readonly float[][] GradientSequence = [[1f, -1f], [0.5f, 2f], [-1f, 0.25f]];

    private static float[] RunThree(Func<float[], float[], Optimizer> make, Action<Optimizer, Func<float[], float[], Optimizer>, float[], float[]>? betweenSecondAndThird = null)
    {
        var p = new[] { 1f, -1f };
        var g = new float[2];
        var opt = make(p, g);
        for (int i = 0; i < 3; i++)
        {
            if (i == 2 && betweenSecondAndThird is not null)
            {
                var fresh = new float[2];
                Array.Copy(p, fresh, 2);
                betweenSecondAndThird(opt, make, p, g);
            }

            GradientSequence[i].CopyTo(g, 0);
            opt.Step();
        }

        return p;
    }

    [Fact]
    public void SgdState_ExportedAndImported_ContinuesIdentically()
    {
        Optimizer Make(float[] p, float[] g) => new Sgd(p, g, new SgdOptions(0.1, momentum: 0.9, nesterov: true));
        var uninterrupted = RunThree(Make);

        // Round trip the state through a fresh optimizer before the third step.
        var p = new[] { 1f, -1f };
        var g = new float[2];
        var first = (Sgd)Make(p, g);
        for (int i = 0; i < 2; i++)
        {
            GradientSequence[i].CopyTo(g, 0);
            first.Step();
        }

        var state = first.ExportState();
        Assert.Equal(2, state.StepCount);
        Assert.NotNull(state.MomentumBuffer);
        var second = (Sgd)Make(p, g);
        second.ImportState(state);
        GradientSequence[2].CopyTo(g, 0);
        second.Step();
        Assert.Equal(uninterrupted, p);
        Assert.Equal(3, second.StepCount);
    }

    [Fact]
    public void AdamState_ExportedAndImported_ContinuesIdentically()
    {
        Optimizer Make(float[] p, float[] g) => new AdamW(p, g, new AdamWOptions(0.1));
        var uninterrupted = RunThree(Make);
        var p = new[] { 1f, -1f };
        var g = new float[2];
        var first = (AdamW)Make(p, g);
        for (int i = 0; i < 2; i++)
        {
            GradientSequence[i].CopyTo(g, 0);
            first.Step();
        }

        var state = first.ExportState();
        var second = (AdamW)Make(p, g);
        second.ImportState(state);
        Assert.Equal(2, second.StepCount);
        Assert.Equal(first.ExpAvg.ToArray(), second.ExpAvg.ToArray());
        GradientSequence[2].CopyTo(g, 0);
        second.Step();
        Assert.Equal(uninterrupted, p);
    }

    [Fact]
    public void ExportState_IsACopy()
    {
        var p = new[] { 1f };
        var g = new[] { 1f };
        var adam = new Adam(p, g, new AdamOptions());
        adam.Step();
        var state = adam.ExportState();
        state.ExpAvg[0] = 42f;
        Assert.NotEqual(42f, adam.ExpAvg[0]);
    }

    [Fact]
    public void ResetState_Sgd_NextStepStartsBufferFromGradient()
    {
        var p = new[] { 1f };
        var g = new[] { 1f };
        var sgd = new Sgd(p, g, new SgdOptions(0.1, momentum: 0.9));
        sgd.Step();
        sgd.Step();
        Assert.Equal(1.9f, sgd.MomentumBuffer[0], 6);
        sgd.ResetState();
        Assert.False(sgd.HasMomentumBuffer);
        Assert.True(sgd.MomentumBuffer.IsEmpty);
        Assert.Equal(0, sgd.StepCount);
        g[0] = 3f;
        sgd.Step();
        Assert.Equal(3f, sgd.MomentumBuffer[0]);
    }

    [Fact]
    public void ResetState_Adam_ClearsMomentsAndBiasCorrection()
    {
        var p = new[] { 1f };
        var g = new[] { 1f };
        var adam = new Adam(p, g, new AdamOptions(0.1));
        adam.Step();
        adam.Step();
        adam.ResetState();
        Assert.Equal(0f, adam.ExpAvg[0]);
        Assert.Equal(0, adam.StepCount);
        p[0] = 1f;
        adam.Step();
        Assert.Equal(1 - (0.1 / (1 + 1e-8)), p[0], 6);
    }

    [Fact]
    public void ImportState_WrongLength_Throws()
    {
        var sgd = new Sgd(new float[2], new float[2], new SgdOptions(0.1, momentum: 0.5));
        var e = Assert.Throws<ArgumentException>(() => sgd.ImportState(new SgdState(1, new float[3])));
        Assert.Contains("3 elements", e.Message, StringComparison.Ordinal);
        var adam = new Adam(new float[2], new float[2], new AdamOptions());
        Assert.Throws<ArgumentException>(() => adam.ImportState(new AdamState(1, new float[2], new float[1])));
    }

    [Fact]
    public void ImportState_MomentumBufferWithoutMomentum_Throws() =>
        Assert.Throws<ArgumentException>(() => new Sgd(new float[1], new float[1], new SgdOptions(0.1)).ImportState(new SgdState(1, new float[1])));
}
