using FedShield.Data.Partitions;

namespace FedShield.Data.Tests.Partitions;

public class PartitionerFactoryTests
{
    [Fact]
    public void Create_EachKind_BuildsThatPartitionerWithItsOptions()
    {
        Assert.Equal("iid(equal sizes)", PartitionerFactory.Create("iid").Describe());
        Assert.Equal("iid(fractions=[0.25, 0.75])", PartitionerFactory.Create("iid", fractions: [0.25, 0.75]).Describe());
        Assert.Equal("dirichlet(alpha=0.3, min=1)", PartitionerFactory.Create("dirichlet", alpha: 0.3).Describe());
        Assert.Equal("dirichlet(alpha=0.3, min=5)", PartitionerFactory.Create("dirichlet", alpha: 0.3, minSamplesPerClient: 5).Describe());
        Assert.Equal("shards(2 per client)", PartitionerFactory.Create("shards").Describe());
        Assert.Equal("shards(4 per client)", PartitionerFactory.Create("shards", shardsPerClient: 4).Describe());
        Assert.Equal("quantity(sigma=1)", PartitionerFactory.Create("quantity").Describe());
        Assert.Equal("quantity(sigma=2)", PartitionerFactory.Create("quantity", sigma: 2).Describe());
    }

    [Theory]
    [InlineData("IID", "iid")]
    [InlineData("Dirichlet", "dirichlet")]
    [InlineData(" SHARDS ", "shards")]
    [InlineData("Quantity", "quantity")]
    public void Create_KindIsCaseInsensitive(string kind, string name)
    {
        Assert.Equal(name, PartitionerFactory.Create(kind, alpha: name == "dirichlet" ? 1 : null).Name);
    }

    [Fact]
    public void Create_UnknownKind_ListsTheAcceptedKinds()
    {
        var e = Assert.Throws<ArgumentException>(() => PartitionerFactory.Create("label-skew"));
        Assert.Contains("Unknown partition kind 'label-skew'; accepted kinds: iid, dirichlet, shards, quantity.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DirichletWithoutAlpha_AsksForIt()
    {
        var e = Assert.Throws<ArgumentException>(() => PartitionerFactory.Create("dirichlet"));
        Assert.Contains("needs alpha", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OptionOfAnotherKind_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => PartitionerFactory.Create("iid", alpha: 0.1));
        Assert.Contains("'iid' does not use alpha; it takes fractions", e.Message, StringComparison.Ordinal);
    }
}
