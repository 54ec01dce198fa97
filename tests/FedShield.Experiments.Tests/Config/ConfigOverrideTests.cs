using FedShield.Experiments.Config;

namespace FedShield.Experiments.Tests.Config;

public class ConfigOverrideTests
{
    private static ConfigError SingleOverrideError(params string[] overrides)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigSamples.LoadMinimal(overrides));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(ConfigError.OverrideSource, error.Source);
        Assert.Equal((0, 0), (error.Line, error.Column));
        return error;
    }

    [Fact]
    public void LoadText_Overrides_ReplaceFileValuesAndDefaults()
    {
        var c = ConfigSamples.LoadMinimal("training.lr=0.05", "rounds=5", "data.partition=dirichlet", "data.dir=/srv/data", "model=mlp(hidden=[64])");

        Assert.Equal(0.05, c.Training.LearningRate);
        Assert.Equal(5, c.Rounds);
        Assert.Equal(PartitionKind.Dirichlet, c.Data.Partition);
        Assert.Equal("/srv/data", c.Data.Directory);
        Assert.Equal("mlp(hidden=[64])", c.Model);
    }

    [Fact]
    public void LoadText_LaterOverrideOfTheSameKey_Wins()
    {
        Assert.Equal(9, ConfigSamples.LoadMinimal("rounds=4", "rounds=9").Rounds);
    }

    [Fact]
    public void LoadText_OverrideOfABadFileValue_AppliesBeforeValidation()
    {
        const string yaml = "rounds: 0\ndata: {dataset: mnist}\nmodel: m\nclients: {count: 3}\n";

        Assert.Equal(2, ExperimentConfigLoader.LoadText(yaml, "x.yaml", ["rounds=2"]).Rounds);
    }

    [Fact]
    public void LoadText_PerRoundOverride_ReplacesTheFilesFraction()
    {
        const string yaml = "rounds: 1\ndata: {dataset: mnist}\nmodel: m\nclients: {count: 100, fraction: 0.1, min_replies: 3}\n";

        var c = ExperimentConfigLoader.LoadText(yaml, "x.yaml", ["clients.per_round=10", "clients.min_fraction=0.5"]);

        Assert.Equal(10, c.Clients.PerRound);
        Assert.Null(c.Clients.Fraction);
        Assert.Equal(0.5, c.Clients.MinFraction);
        Assert.Null(c.Clients.MinReplies);
        Assert.Equal(5, c.Clients.RequiredReplies);
    }

    [Fact]
    public void LoadText_BothExclusiveKeysOverridden_IsAnError()
    {
        var e = SingleOverrideError("clients.fraction=0.2", "clients.per_round=3");

        Assert.Equal("clients.per_round", e.Path);
        Assert.Equal("clients.per_round=3", e.Override);
        Assert.Equal("cannot be combined with clients.fraction; set only one of them", e.Message);
    }

    [Fact]
    public void LoadText_NullOverride_ClearsAnOptionalKey()
    {
        const string yaml = "rounds: 1\ndata: {dataset: mnist, dir: /x}\nmodel: m\nclients: {count: 4, per_round: 2}\n";

        var c = ExperimentConfigLoader.LoadText(yaml, "x.yaml", ["data.dir=null", "clients.per_round=", "clients.fraction=0.25"]);

        Assert.Null(c.Data.Directory);
        Assert.Null(c.Clients.PerRound);
        Assert.Equal(1, c.Clients.SampledPerRound);
    }

    [Fact]
    public void LoadText_OverrideOfUnknownKey_NamesTheOverrideAndSuggests()
    {
        var e = SingleOverrideError("training.lrr=0.05");

        Assert.Equal("training.lrr", e.Path);
        Assert.Equal("unknown key 'training.lrr' (did you mean 'training.lr'?)", e.Message);
        Assert.Equal("--set training.lrr=0.05: training.lrr: unknown key 'training.lrr' (did you mean 'training.lr'?)", e.ToString());
    }

    [Fact]
    public void LoadText_OverrideWithLeafInTheWrongSection_SuggestsTheRightPath()
    {
        Assert.Equal("unknown key 'clients.epochs' (did you mean 'training.epochs'?)", SingleOverrideError("clients.epochs=2").Message);
        Assert.Equal("unknown key 'banana'", SingleOverrideError("banana=2").Message);
    }

    [Fact]
    public void LoadText_OverrideWithBadValue_NamesTheOverride()
    {
        var e = SingleOverrideError("training.lr=abc");

        Assert.Equal("training.lr", e.Path);
        Assert.Equal("expected a number > 0, got 'abc'", e.Message);
        Assert.Equal("--set training.lr=abc", e.Location);
    }

    [Fact]
    public void LoadText_OverrideOfASection_AsksForOneOfItsKeys()
    {
        Assert.Equal("'training' is a section; set one of its keys, e.g. training.epochs=...", SingleOverrideError("training=x").Message);
    }

    [Theory]
    [InlineData("rounds")]
    [InlineData("=5")]
    [InlineData(" =5")]
    public void LoadText_OverrideWithoutKeyEqualsValue_IsAnError(string raw)
    {
        var e = SingleOverrideError(raw);

        Assert.Equal("expected key=value, e.g. training.lr=0.05", e.Message);
        Assert.Equal(raw, e.Override);
    }

    [Fact]
    public void LoadText_OverrideValueThatIsNotAScalar_IsRejected()
    {
        Assert.Equal("expected an integer >= 1, got a sequence", SingleOverrideError("rounds=[1, 2]").Message);
        Assert.StartsWith("the value is not valid YAML: ", SingleOverrideError("rounds=[1,").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_QuotedOverrideValue_IsAString()
    {
        Assert.Equal("expected an integer >= 1, got the string \"5\"", SingleOverrideError("rounds=\"5\"").Message);
        Assert.Equal("null", ConfigSamples.LoadMinimal("model='null'").Model);
    }

    [Fact]
    public void LoadText_FileAndOverrideErrors_AreAllReportedFileFirst()
    {
        const string yaml = "rounds: 1\ndata: {dataset: mnist}\nmodel: m\nclients: {count: 4}\nworkers: -1\n";

        var ex = Assert.Throws<ConfigException>(() => ExperimentConfigLoader.LoadText(yaml, "x.yaml", ["training.lr=0", "nope=1"]));

        Assert.Equal(["workers", "training.lr", "nope"], ex.Errors.Select(e => e.Path));
        Assert.Equal(["x.yaml", "--set", "--set"], ex.Errors.Select(e => e.Source));
    }
}
