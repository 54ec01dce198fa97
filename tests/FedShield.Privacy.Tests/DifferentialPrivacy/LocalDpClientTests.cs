using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

public class LocalDpClientTests
{
    private static FitInstruction Instruction(params float[] weights) => new(3, 7, weights, 42, FitSettings.Default);

    [Fact]
    public async Task Fit_WeightsReply_BecomesClippedDelta_NoNoise()
    {
        var inner = new FixedClient(7, [4f, 6f], UpdateKind.Weights, samples: 12);
        using var client = new LocalDpClient(inner, new LocalDpOptions(ClipNorm: 1, NoiseStd: 0), DpTesting.Noise(1));
        var reply = await client.FitAsync(Instruction(1f, 2f), CancellationToken.None);

        // Delta (3, 4) has norm 5; clipped to (0.6, 0.8).
        var update = Assert.IsType<ClientUpdate>(reply);
        Assert.Equal(UpdateKind.Delta, update.Kind);
        Assert.Equal(0.6f, update.Values[0], 1e-6f);
        Assert.Equal(0.8f, update.Values[1], 1e-6f);
        Assert.True(L2Clipping.Norm(update.Values) <= 1);
        Assert.Equal(12, update.SampleCount);
        Assert.Equal(0.5, update.Metrics.GetOrNaN("train_loss"));
        Assert.Equal(7, update.ClientId);
        Assert.Equal(3, update.Round);
        Assert.Equal(7, client.Id);
    }

    [Fact]
    public async Task Fit_DeltaWithinBound_AddsExactlyTheSeededNoise()
    {
        var inner = new FixedClient(7, [0.1f, -0.2f, 0.3f, 0f, 0.05f]);
        using var client = new LocalDpClient(inner, new LocalDpOptions(10, 0.5), DpTesting.Noise(8));
        var update = Assert.IsType<ClientUpdate>(await client.FitAsync(Instruction(new float[5]), CancellationToken.None));
        var z = DpTesting.Normals(8, 5);
        float[] original = [0.1f, -0.2f, 0.3f, 0f, 0.05f];
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal((float)(original[i] + (0.5 * z[i])), update.Values[i]);
        }
    }

    [Fact]
    public async Task Fit_ManyCoordinates_NoiseHasTheRequestedStandardDeviation()
    {
        const int d = 40_000;
        var inner = new FixedClient(1, new float[d]);
        using var client = new LocalDpClient(inner, new LocalDpOptions(1, 0.3), DpTesting.Noise(4));
        var update = Assert.IsType<ClientUpdate>(await client.FitAsync(Instruction(new float[d]), CancellationToken.None));
        var sd = Math.Sqrt(update.Values.Select(v => (double)v * v).Average());
        Assert.InRange(sd, 0.3 * 0.98, 0.3 * 1.02);
    }

    [Fact]
    public async Task Fit_DefaultNoise_FromOsRandom_DiffersPerCall()
    {
        var inner = new FixedClient(1, new float[8]);
        using var client = new LocalDpClient(inner, new LocalDpOptions(1, 1));
        var a = Assert.IsType<ClientUpdate>(await client.FitAsync(Instruction(new float[8]), CancellationToken.None));
        var b = Assert.IsType<ClientUpdate>(await client.FitAsync(Instruction(new float[8]), CancellationToken.None));
        Assert.NotEqual(a.Values, b.Values);
    }

    [Fact]
    public async Task Fit_Failure_PassesThrough()
    {
        var failure = new ClientFailure(7, 3, FailureKind.Error, "out of memory");
        using var client = new LocalDpClient(new ScriptedClient(7, _ => failure), new LocalDpOptions(1, 1), DpTesting.Noise(1));
        Assert.Same(failure, await client.FitAsync(Instruction(1f), CancellationToken.None));
    }

    [Fact]
    public async Task Fit_WrongLengthOrNonFinite_Malformed()
    {
        using var shortClient = new LocalDpClient(new FixedClient(7, [1f]), new LocalDpOptions(1, 1), DpTesting.Noise(1));
        var a = Assert.IsType<ClientFailure>(await shortClient.FitAsync(Instruction(1f, 2f), CancellationToken.None));
        Assert.Equal(FailureKind.Malformed, a.Kind);
        Assert.Contains("1 values but the model has 2", a.Reason, StringComparison.Ordinal);

        using var nanClient = new LocalDpClient(new FixedClient(7, [1f, float.NaN]), new LocalDpOptions(1, 1), DpTesting.Noise(1));
        var b = Assert.IsType<ClientFailure>(await nanClient.FitAsync(Instruction(1f, 2f), CancellationToken.None));
        Assert.Equal(FailureKind.Malformed, b.Kind);
        Assert.Contains("index 1", b.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_PassesThrough()
    {
        using var client = new LocalDpClient(new FixedClient(7, [1f]), new LocalDpOptions(1, 1), DpTesting.Noise(1));
        var eval = Assert.IsType<ClientEvaluation>(await client.EvaluateAsync(new EvaluateInstruction(1, 7, new float[1]), CancellationToken.None));
        Assert.Equal(0.75, eval.Accuracy);
    }

    [Fact]
    public void Options_ValidatedWithNames()
    {
        Assert.Equal("ClipNorm", Assert.Throws<ArgumentOutOfRangeException>(() => new LocalDpOptions(0, 1)).ParamName);
        Assert.Equal("ClipNorm", Assert.Throws<ArgumentOutOfRangeException>(() => new LocalDpOptions(double.NaN, 1)).ParamName);
        Assert.Equal("NoiseStd", Assert.Throws<ArgumentOutOfRangeException>(() => new LocalDpOptions(1, -1)).ParamName);
        Assert.Equal("NoiseStd", Assert.Throws<ArgumentOutOfRangeException>(() => new LocalDpOptions(1, 1) with { NoiseStd = double.PositiveInfinity }).ParamName);
        Assert.Equal(new LocalDpOptions(2, 0), new LocalDpOptions(2, 0));
    }

    [Fact]
    public void Options_ForBudget_UsesGaussianMechanism()
    {
        // NISS setting: clip 3, ε = 10, δ = 1e-4, Δf = 2C/|D_k| with |D_k| = 600.
        var sensitivity = GaussianMechanism.LocalTrainingSensitivity(3, 600);
        var options = LocalDpOptions.ForBudget(3, 10, 1e-4, sensitivity);
        Assert.Equal(3, options.ClipNorm);
        Assert.Equal(4.34361230 * 0.01 / 10, options.NoiseStd, 9);
    }

    [Fact]
    public void Options_ShareAmong_DividesVarianceByClientCount()
    {
        var share = new LocalDpOptions(1, 2).ShareAmong(16);
        Assert.Equal(0.5, share.NoiseStd, 15);
        Assert.Equal(1, share.ClipNorm);

        // n shares of variance σ²/n add up to σ².
        Assert.Equal(4.0, 16 * share.NoiseStd * share.NoiseStd, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => share.ShareAmong(0));
    }
}
