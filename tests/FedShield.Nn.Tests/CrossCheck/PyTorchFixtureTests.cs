using System.Globalization;
using FedShield.Nn.Losses;
using FedShield.Nn.Models;
using FedShield.Nn.Optim;
using FedShield.Nn.Serialization;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.CrossCheck;

/// <summary>
/// The engine against PyTorch 1.13: fixtures written by tools/pytorch/make_fixtures.py hold, for the
/// two reference models, weights, a batch, PyTorch's logits, loss, every gradient and the weights
/// after three SGD, Nesterov-SGD and Adam steps. Each must agree within 1e-4 relative error
/// (‖ours − theirs‖∞ / ‖theirs‖∞, per tensor).
/// </summary>
public class PyTorchFixtureTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Models => ["mnist-cnn", "adult-mlp"];

    [Theory]
    [MemberData(nameof(Models))]
    public void ForwardLossAndGradients_MatchPyTorch(string model)
    {
        var (fixture, net) = Load(model);
        var logits = net.Forward(Input(fixture));
        AssertClose(fixture["logits"], logits.ToArray(), "logits");
        var loss = LossOf(model, logits, fixture);
        AssertClose(fixture["loss"], [loss.Item()], "loss");
        loss.Backward();
        foreach (var (name, p) in net.NamedParameters())
        {
            AssertClose(fixture["grad." + name], p.Grad!.ToArray(), "grad." + name);
        }
    }

    [Theory]
    [InlineData("mnist-cnn", "sgd3")]
    [InlineData("mnist-cnn", "sgdn3")]
    [InlineData("mnist-cnn", "adam3")]
    [InlineData("adult-mlp", "sgd3")]
    [InlineData("adult-mlp", "sgdn3")]
    [InlineData("adult-mlp", "adam3")]
    public void ThreeOptimizerSteps_MatchPyTorch(string model, string run)
    {
        var (fixture, net) = Load(model);
        var meta = fixture.Metadata;
        double Get(string key) => double.Parse(meta[run + "." + key], CultureInfo.InvariantCulture);
        Optimizer optimizer = run.StartsWith("adam", StringComparison.Ordinal)
            ? new Adam(net, new AdamOptions(learningRate: Get("lr"), beta1: Get("beta1"), beta2: Get("beta2"), eps: Get("eps"), weightDecay: Get("weight_decay")))
            : new Sgd(net, new SgdOptions(learningRate: Get("lr"), momentum: Get("momentum"), dampening: Get("dampening"), nesterov: meta[run + ".nesterov"] == "true", weightDecay: Get("weight_decay")));
        var losses = new float[3];
        for (int step = 0; step < 3; step++)
        {
            optimizer.ZeroGrad();
            var loss = LossOf(model, net.Forward(Input(fixture)), fixture);
            losses[step] = loss.Item();
            loss.Backward();
            optimizer.Step();
        }

        AssertClose(fixture["losses." + run], losses, "losses." + run);
        foreach (var (name, p) in net.NamedParameters())
        {
            AssertClose(fixture[run + "." + name], p.Value.ToArray(), run + "." + name);
        }
    }

    [Fact]
    public void Fixtures_DescribeTheReferenceModels()
    {
        var (cnn, net) = Load("mnist-cnn");
        Assert.Equal("21840", cnn.Metadata["parameter_count"]);
        Assert.Equal(21840, net.ParameterCount);
        Assert.Equal(cnn.Metadata["parameters"], string.Join(',', net.NamedParameters().Select(p => p.Name)));
    }

    internal static (SafetensorsFile Fixture, Module Model) Load(string model)
    {
        var fixture = Safetensors.ReadAll(Path.Combine(AppContext.BaseDirectory, "Fixtures", model.Replace('-', '_') + ".safetensors"));
        Module net = model == "mnist-cnn" ? new MnistCnn(new Random(0)) : new AdultMlp(new Random(0));
        using (GradMode.NoGrad())
        {
            foreach (var (name, p) in net.NamedParameters())
            {
                p.CopyFrom(fixture["init." + name].Values.Span);
            }
        }

        return (fixture, net);
    }

    internal static Tensor Input(SafetensorsFile fixture)
    {
        var t = fixture["inputs"];
        return Tensor.FromArray(t.Values.Span, [.. t.Shape]);
    }

    private static Tensor LossOf(string model, Tensor logits, SafetensorsFile fixture)
    {
        var targets = fixture["targets"];
        if (model == "mnist-cnn")
        {
            var labels = targets.Values.ToArray().Select(v => (int)v).ToArray();
            return new CrossEntropyLoss().Forward(logits, labels);
        }

        return new BceWithLogitsLoss().Forward(logits, Tensor.FromArray(targets.Values.Span, [.. targets.Shape]));
    }

    private static void AssertClose(SafetensorsTensor expected, float[] actual, string what)
    {
        var e = expected.Values.Span;
        Assert.Equal(e.Length, actual.Length);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < e.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(e[i]));
            worst = Math.Max(worst, Math.Abs(e[i] - actual[i]));
        }

        double relative = scale == 0 ? worst : worst / scale;
        Assert.True(relative <= Tolerance, $"{what}: relative error {relative:G3} exceeds {Tolerance} (max |diff| {worst:G3}, max |reference| {scale:G3})");
    }
}
