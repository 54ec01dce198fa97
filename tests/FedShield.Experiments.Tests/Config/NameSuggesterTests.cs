using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Tests.Config;

public class NameSuggesterTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("nmae", "name", 1)]
    [InlineData("batchsize", "batch_size", 1)]
    [InlineData("lr", "lr", 0)]
    public void Distance_Pairs_CountsEditsWithAdjacentSwapsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, NameSuggester.Distance(a, b));
        Assert.Equal(expected, NameSuggester.Distance(b, a));
    }

    [Fact]
    public void Suggest_FarFromEveryCandidate_ReturnsNull()
    {
        Assert.Null(NameSuggester.Suggest("frequency", ["every"]));
        Assert.Equal("every", NameSuggester.Suggest("evry", ["every", "epochs"]));
        Assert.Equal("max_grad_norm", NameSuggester.Suggest("MaxGradNorm", ["max_grad_norm", "momentum"]));
    }
}
