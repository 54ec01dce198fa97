using FedShield.Learning.Models;

namespace FedShield.Learning.Tests.Models;

public class ModelSpecTests
{
    [Theory]
    [InlineData("mnist-cnn", "mnist-cnn")]
    [InlineData("  adult-mlp ", "adult-mlp")]
    [InlineData("MLP", "mlp")]
    [InlineData("mlp(hidden=[64])", "mlp(hidden=[64])")]
    [InlineData("mlp( hidden = [ 128 , 64 ] )", "mlp(hidden=[128,64])")]
    [InlineData("mlp(hidden=[])", "mlp(hidden=[])")]
    [InlineData("cnn-cifar(channels=16)", "cnn-cifar(channels=16)")]
    [InlineData("x(a=1, b=[2,3], c=true)", "x(a=1, b=[2,3], c=true)")]
    [InlineData("logistic()", "logistic")]
    public void Parse_ValidText_GivesCanonicalForm(string text, string canonical)
    {
        var spec = ModelSpec.Parse(text);
        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, ModelSpec.Parse(spec.ToString()));
    }

    [Fact]
    public void Parse_ListArgument_ExposesItems()
    {
        var spec = ModelSpec.Parse("mlp(hidden=[128,64], extra=7)");
        Assert.Equal("mlp", spec.Name);
        var hidden = spec.Find("HIDDEN");
        Assert.NotNull(hidden);
        Assert.True(hidden.IsList);
        Assert.Equal(["128", "64"], hidden.Items);
        Assert.Equal([128, 64], hidden.AsInt32List("test", 1));
        Assert.False(spec.Find("extra")!.IsList);
        Assert.Null(spec.Find("missing"));
    }

    [Theory]
    [InlineData("", "model spec is empty")]
    [InlineData("   ", "model spec is empty")]
    [InlineData("mlp(", "expected a parameter name at position 5, found the end")]
    [InlineData("mlp(hidden=[64)", "expected ',' or ']' at position 15, found ')'")]
    [InlineData("mlp(hidden=[64]", "expected ',' or ')' at position 16, found the end")]
    [InlineData("mlp(hidden)", "expected '=' after 'hidden' at position 11, found ')'")]
    [InlineData("mlp(hidden=)", "expected a value at position 12, found ')'")]
    [InlineData("mlp(hidden=[64]) x", "expected the end after ')' at position 18, found 'x'")]
    [InlineData("mlp hidden", "expected '(' or the end at position 5, found 'h'")]
    [InlineData("9mlp", "expected a name at position 1, found '9'")]
    [InlineData("mlp(a=1,,b=2)", "expected a parameter name at position 9, found ','")]
    [InlineData("mlp(a=1, A=2)", "parameter 'A' is given twice (position 10)")]
    public void Parse_InvalidText_SaysWhereAndWhat(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => ModelSpec.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.False(ModelSpec.TryParse(text, out var spec, out var error));
        Assert.Null(spec);
        Assert.Equal(e.Message, error);
    }

    [Fact]
    public void Equals_SameCanonicalText_AreEqualAndHashAlike()
    {
        var a = ModelSpec.Parse("mlp(hidden=[1,2])");
        var b = new ModelSpec("MLP", new SpecArgument("hidden", ["1", "2"]));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ModelSpec.Parse("mlp(hidden=[2,1])"));
    }

    [Theory]
    [InlineData("12a", "an integer ≥ 1")]
    [InlineData("0", "an integer ≥ 1")]
    [InlineData("[1]", "an integer ≥ 1")]
    public void AsInt32_BadValue_NamesParameterAndExpectation(string value, string expected)
    {
        var spec = ModelSpec.Parse($"m(k={value})");
        var e = Assert.Throws<ArgumentException>(() => spec.Find("k")!.AsInt32("model 'm'", 1));
        Assert.Equal($"model 'm': parameter 'k' must be {expected}; got '{value}'.", e.Message);
    }
}
