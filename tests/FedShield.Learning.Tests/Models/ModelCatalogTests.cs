using FedShield.Learning.Models;
using FedShield.Nn.Models;

namespace FedShield.Learning.Tests.Models;

public class ModelCatalogTests
{
    private static readonly ModelInput Mnist = new([1, 28, 28], 10);
    private static readonly ModelInput Cifar = new([3, 32, 32], 10);
    private static readonly ModelInput Adult = new([105], 2);

    [Fact]
    public void Names_ListEveryModelWithADescription()
    {
        Assert.Equal(["mnist-cnn", "cnn-cifar", "adult-mlp", "mlp", "logistic"], ModelCatalog.Names);
        foreach (var name in ModelCatalog.Names)
        {
            string description = ModelCatalog.Describe(name);
            Assert.False(string.IsNullOrWhiteSpace(description));
            Assert.DoesNotContain('\n', description);
        }

        Assert.Equal(["hidden"], ModelCatalog.ParametersOf("mlp"));
    }

    [Theory]
    [InlineData("mnist-cnn", 21_840)]
    [InlineData("mlp", (784 * 64) + 64 + (64 * 10) + 10)]
    [InlineData("mlp(hidden=[128,64])", (784 * 128) + 128 + (128 * 64) + 64 + (64 * 10) + 10)]
    [InlineData("logistic", (784 * 10) + 10)]
    public void Create_MnistTask_BuildsModelOfExpectedSize(string spec, int parameters)
    {
        var model = ModelCatalog.Create(ModelSpec.Parse(spec), Mnist, new Random(1));
        Assert.True(model.IsMaterialized);
        Assert.Equal(parameters, model.ParameterCount);
        Assert.Equal(ModelHead.Logits, ModelCatalog.HeadOf(ModelSpec.Parse(spec), Mnist));
    }

    [Fact]
    public void Resolve_CnnCifar_IsTheNissModelWithOptionalChannels()
    {
        var reference = ModelCatalog.Resolve(ModelSpec.Parse("cnn-cifar"), Cifar);
        Assert.Equal(ModelHead.Logits, reference.Head);
        Assert.Equal([3, 32, 32], reference.ModelInputShape);
        var small = Assert.IsType<CifarCnn>(ModelCatalog.Create(ModelSpec.Parse("cnn-cifar(channels=4)"), new ModelInput([3, 32, 32], 100), new Random(1)));
        Assert.Equal(4, small.Channels);
        Assert.Equal(100, small.ClassCount);
    }

    [Fact]
    public void Resolve_AdultMlpOnBinaryTask_UsesOneLogitAndFlatInput()
    {
        var blueprint = ModelCatalog.Resolve(ModelSpec.Parse("adult-mlp"), Adult);
        Assert.Equal(ModelHead.SingleLogit, blueprint.Head);
        Assert.Equal(1, blueprint.OutputCount);
        Assert.Equal((105 * 48) + 48 + 48 + 1, blueprint.Create(new Random(1)).ParameterCount);

        var images = ModelCatalog.Resolve(ModelSpec.Parse("adult-mlp"), new ModelInput([1, 4, 4], 2));
        Assert.Equal([16], images.ModelInputShape);
    }

    [Fact]
    public void Resolve_MlpOnBinaryTask_KeepsTwoLogits()
    {
        var blueprint = ModelCatalog.Resolve(ModelSpec.Parse("mlp(hidden=[8])"), Adult);
        Assert.Equal(ModelHead.Logits, blueprint.Head);
        Assert.Equal(2, blueprint.OutputCount);
        Assert.Equal([105], blueprint.ModelInputShape);
    }

    [Fact]
    public void Create_SameSeed_GivesSameWeights()
    {
        var spec = ModelSpec.Parse("mlp(hidden=[16])");
        var a = ModelCatalog.Create(spec, Adult, new Random(5)).ParameterBuffer.ToArray();
        var b = ModelCatalog.Create(spec, Adult, new Random(5)).ParameterBuffer.ToArray();
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("mnist-cnn", 3, 32, 32, 10, "model 'mnist-cnn' needs samples (1, 28, 28) and 10 classes; the data has samples (3, 32, 32), 10 classes.")]
    [InlineData("mnist-cnn", 1, 28, 28, 2, "model 'mnist-cnn' needs samples (1, 28, 28) and 10 classes; the data has samples (1, 28, 28), 2 classes.")]
    [InlineData("cnn-cifar", 1, 28, 28, 10, "model 'cnn-cifar' needs samples (3, 32, 32); the data has samples (1, 28, 28), 10 classes.")]
    [InlineData("adult-mlp", 1, 28, 28, 10, "model 'adult-mlp' needs a binary task (2 classes; use mlp for more); the data has samples (1, 28, 28), 10 classes.")]
    public void Resolve_IncompatibleTask_SaysWhatWasExpected(string spec, int c, int h, int w, int classes, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelCatalog.Resolve(ModelSpec.Parse(spec), new ModelInput([c, h, w], classes)));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownModel_ListsKnownModels()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelCatalog.Resolve(ModelSpec.Parse("resnet18"), Cifar));
        Assert.StartsWith("unknown model 'resnet18'; known models: mnist-cnn, cnn-cifar, adult-mlp, mlp, logistic.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ModelCatalog.Describe("resnet18"));
    }

    [Theory]
    [InlineData("mlp(width=3)", "model 'mlp(width=3)': unknown parameter 'width'; accepted: hidden.")]
    [InlineData("mnist-cnn(channels=3)", "model 'mnist-cnn(channels=3)': unknown parameter 'channels'; it takes no parameters.")]
    [InlineData("mlp(hidden=[64,0])", "model 'mlp(hidden=[64,0])': parameter 'hidden' must be a list of integers ≥ 1 such as [128,64]; got '[64,0]'.")]
    [InlineData("mlp(hidden=[a])", "model 'mlp(hidden=[a])': parameter 'hidden' must be a list of integers ≥ 1 such as [128,64]; got '[a]'.")]
    [InlineData("cnn-cifar(channels=0)", "model 'cnn-cifar(channels=0)': parameter 'channels' must be an integer ≥ 1; got '0'.")]
    public void Validate_BadParameter_NamesItAndTheExpectation(string spec, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelCatalog.Validate(ModelSpec.Parse(spec)));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mnist-cnn")]
    [InlineData("cnn-cifar(channels=8)")]
    [InlineData("adult-mlp")]
    [InlineData("mlp(hidden=[32,16])")]
    [InlineData("logistic")]
    public void Validate_GoodSpec_DoesNotThrow(string spec)
    {
        var exception = Record.Exception(() => ModelCatalog.Validate(ModelSpec.Parse(spec)));
        Assert.Null(exception);
    }

    [Fact]
    public void ModelInput_InvalidValues_Throw()
    {
        Assert.Throws<ArgumentException>(() => new ModelInput([], 2));
        Assert.Throws<ArgumentException>(() => new ModelInput([3, 0], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelInput([3], 1));
    }

    [Fact]
    public void Blueprint_InputShapeOfWrongSize_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelBlueprint("m", Adult, ModelHead.Logits, [104], r => new Mlp(r, 104, [], 2)));
        Assert.Contains("must hold the 105 values of a sample (105)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ModelBlueprint("m", Mnist, ModelHead.SingleLogit, [784], r => new Mlp(r, 784, [], 1)));
    }
}
