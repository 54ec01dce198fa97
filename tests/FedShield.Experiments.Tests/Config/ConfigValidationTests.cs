using FedShield.Experiments.Config;

namespace FedShield.Experiments.Tests.Config;

/// <summary>Every class of error, each with its exact key path, line and column.</summary>
public class ConfigValidationTests
{
    // Six valid lines; the cases below append from line 7.
    private const string Base = """
        rounds: 3
        data:
          dataset: mnist
        model: m
        clients:
          count: 10

        """;

    private static ConfigException Fail(string yaml, params string[] overrides) =>
        Assert.Throws<ConfigException>(() => ExperimentConfigLoader.LoadText(yaml, "t.yaml", overrides));

    private static ConfigError Single(string yaml, params string[] overrides) => Assert.Single(Fail(yaml, overrides).Errors);

    private static void AssertError(ConfigError error, int line, int column, string path, string message)
    {
        Assert.Equal("t.yaml", error.Source);
        Assert.Equal((line, column, path, message), (error.Line, error.Column, error.Path, error.Message));
    }

    [Fact]
    public void LoadText_IntegerOutOfRange_CitesKeyLineAndColumnOfTheValue()
    {
        var e = Single(Base + "training:\n  batch_size: 0\n");

        AssertError(e, 8, 15, "training.batch_size", "expected an integer >= 1, got 0");
        Assert.Equal("t.yaml:8:15: training.batch_size: expected an integer >= 1, got 0", e.ToString());
    }

    [Fact]
    public void LoadText_WrongType_SaysWhatWasExpectedAndQuotesWhatWasGiven()
    {
        AssertError(Single(Base + "training:\n  batch_size: abc\n"), 8, 15, "training.batch_size", "expected an integer >= 1, got 'abc'");
        AssertError(Single(Base + "training:\n  epochs: 2.5\n"), 8, 11, "training.epochs", "expected an integer >= 1, got '2.5'");
        AssertError(Single(Base + "training:\n  lr: fast\n"), 8, 7, "training.lr", "expected a number > 0, got 'fast'");
        AssertError(Single(Base + "training:\n  nesterov: yes\n"), 8, 13, "training.nesterov", "expected true or false, got 'yes'");
        AssertError(Single(Base + "seed: 1.5\n"), 7, 7, "seed", "expected an integer, got '1.5'");
    }

    [Fact]
    public void LoadText_QuotedNumber_IsAStringAndRejected()
    {
        AssertError(Single(Base + "workers: \"4\"\n"), 7, 10, "workers", "expected an integer >= 0, got the string \"4\"");
    }

    [Fact]
    public void LoadText_MappingOrSequenceForAScalarKey_SaysSo()
    {
        AssertError(Single(Base + "training:\n  lr: {a: 1}\n"), 8, 7, "training.lr", "expected a number > 0, got a mapping");
        AssertError(Single(Base + "output: [a, b]\n"), 7, 9, "output", "expected a non-empty string, got a sequence");
    }

    [Fact]
    public void LoadText_NullForARequiredOrNonNullableKey_IsRejected()
    {
        AssertError(Single(Base + "training:\n  lr: null\n"), 8, 7, "training.lr", "expected a number > 0, got null");
        AssertError(Single(Base + "output: ''\n"), 7, 9, "output", "expected a non-empty string, got ''");
    }

    [Theory]
    [InlineData("clients:\n  count: 10\n  fraction: 1.5\n", 7, 13, "clients.fraction", "must be in (0, 1], got 1.5")]
    [InlineData("clients:\n  count: 10\n  fraction: 0\n", 7, 13, "clients.fraction", "must be in (0, 1], got 0")]
    [InlineData("clients:\n  count: 10\n  timeout_s: -1\n", 7, 14, "clients.timeout_s", "must be > 0, got -1")]
    [InlineData("data:\n  dataset: x\n  validation: 1\n", 7, 15, "data.validation", "must be in [0, 1), got 1")]
    [InlineData("data:\n  dataset: x\n  alpha: -0.5\n", 7, 10, "data.alpha", "must be > 0, got -0.5")]
    [InlineData("data:\n  dataset: x\n  sigma: .inf\n", 7, 10, "data.sigma", "expected a finite number >= 0, got Infinity")]
    [InlineData("data:\n  dataset: x\n  max_train_samples: -1\n", 7, 22, "data.max_train_samples", "expected an integer >= 0, got -1")]
    [InlineData("clients:\n  count: 0\n", 6, 10, "clients.count", "expected an integer >= 1, got 0")]
    public void LoadText_NumberOutOfRange_NamesTheInterval(string sectionYaml, int line, int column, string path, string message)
    {
        // Line 5 onwards replaces the clients (or data) section of the base file.
        string yaml = sectionYaml.StartsWith("data:", StringComparison.Ordinal)
            ? "rounds: 3\nmodel: m\nclients:\n  count: 10\n" + sectionYaml
            : "rounds: 3\ndata:\n  dataset: mnist\nmodel: m\n" + sectionYaml;

        AssertError(Single(yaml), line, column, path, message);
    }

    [Fact]
    public void LoadText_EveryNumericRange_RejectsItsBoundary()
    {
        string[] bad =
        [
            "rounds=0", "data.alpha=0", "data.shards_per_client=0", "data.sigma=-0.1", "data.validation=-0.1",
            "data.max_test_samples=-1", "clients.per_round=0", "clients.min_replies=0", "clients.min_fraction=0",
            "training.epochs=0", "training.lr=0", "training.momentum=1", "training.weight_decay=-1", "training.beta1=1",
            "training.beta2=1", "training.lr_decay=0", "training.lr_decay=1.01", "training.max_grad_norm=-1",
            "strategy.server_lr=0", "strategy.server_momentum=1", "strategy.beta1=1", "strategy.beta2=-0.1",
            "strategy.tau=0", "strategy.mu=-1", "evaluation.every=0", "evaluation.client_fraction=1.5",
            "checkpoint.every=-1", "workers=-1",
        ];

        foreach (string set in bad)
        {
            var error = Assert.Single(Fail(Base, set).Errors);
            Assert.Equal(set[..set.IndexOf('=', StringComparison.Ordinal)], error.Path);
            Assert.Equal(set, error.Override);
        }
    }

    [Fact]
    public void LoadText_IntegerBeyond32Bits_IsRejectedWithTheLimit()
    {
        AssertError(Single(Base.Replace("rounds: 3", "rounds: 99999999999", StringComparison.Ordinal)), 1, 9, "rounds", "expected an integer >= 1 and at most 2147483647, got 99999999999");
    }

    [Fact]
    public void LoadText_UnknownChoice_ListsTheChoicesAndSuggestsTheClosest()
    {
        AssertError(
            Single(Base.Replace("dataset: mnist", "dataset: mnist\n  partition: dirichelt", StringComparison.Ordinal)),
            4, 14, "data.partition", "expected one of iid, dirichlet, shards, quantity, got 'dirichelt' (did you mean 'dirichlet'?)");
        AssertError(Single(Base + "strategy:\n  name: krum\n"), 8, 9, "strategy.name", "expected one of fedavg, fedavgm, fedadam, fedyogi, fedadagrad, fedprox, got 'krum'");
    }

    [Fact]
    public void LoadText_UnknownKey_PointsAtTheKeyAndSuggestsACloseName()
    {
        AssertError(Single(Base + "training:\n  batchsize: 32\n"), 8, 3, "training.batchsize", "unknown key 'batchsize' (did you mean 'batch_size'?)");
        AssertError(Single(Base + "training:\n  BatchSize: 32\n"), 8, 3, "training.BatchSize", "unknown key 'BatchSize' (did you mean 'batch_size'?)");
        AssertError(Single(Base + "strategy:\n  nmae: fedavg\n"), 8, 3, "strategy.nmae", "unknown key 'nmae' (did you mean 'name'?)");
        AssertError(Single(Base + "evalution:\n  every: 2\n"), 7, 1, "evalution", "unknown key 'evalution' (did you mean 'evaluation'?)");
    }

    [Fact]
    public void LoadText_KeyInTheWrongSection_SuggestsWhereItBelongs()
    {
        AssertError(Single(Base + "lr: 0.1\n"), 7, 1, "lr", "unknown key 'lr' (did you mean 'training.lr'?)");
        AssertError(Single(Base + "training:\n  seed: 1\n"), 8, 3, "training.seed", "unknown key 'seed' (did you mean top-level 'seed'?)");
    }

    [Fact]
    public void LoadText_UnknownKeyFarFromAnyName_ListsTheValidKeys()
    {
        AssertError(Single(Base + "checkpoint:\n  frequency: 3\n"), 8, 3, "checkpoint.frequency", "unknown key 'frequency'; expected one of: every");
    }

    [Fact]
    public void LoadText_MissingRequiredKeys_ReportsEachAtItsSectionOrTheTop()
    {
        const string yaml = """
            # comment first
            seed: 1
            data:
              partition: iid
            clients:
              fraction: 0.5
            """;

        var errors = Fail(yaml).Errors;

        Assert.Equal(4, errors.Count);
        AssertError(errors[0], 2, 1, "rounds", "required key 'rounds' is missing");
        AssertError(errors[1], 2, 1, "model", "required key 'model' is missing");
        AssertError(errors[2], 3, 1, "data.dataset", "required key 'dataset' is missing");
        AssertError(errors[3], 5, 1, "clients.count", "required key 'count' is missing");
    }

    [Fact]
    public void LoadText_BothKeysOfAnExclusivePair_ReportsTheLaterOne()
    {
        var errors = Fail(Base + "  fraction: 0.5\n  per_round: 4\n  min_fraction: 0.5\n  min_replies: 2\n").Errors;

        Assert.Equal(2, errors.Count);
        AssertError(errors[0], 8, 14, "clients.per_round", "cannot be combined with clients.fraction; set only one of them");
        AssertError(errors[1], 10, 16, "clients.min_replies", "cannot be combined with clients.min_fraction; set only one of them");
    }

    [Fact]
    public void LoadText_PerRoundAboveCount_IsRejected()
    {
        AssertError(Single(Base + "  per_round: 20\n"), 7, 14, "clients.per_round", "expected at most clients.count (10), got 20");
    }

    [Fact]
    public void LoadText_MinRepliesAboveSampledClients_IsRejected()
    {
        // fraction 0.5 of 10 clients samples 5 per round.
        AssertError(Single(Base + "  min_replies: 6\n"), 7, 16, "clients.min_replies", "expected at most the number of clients sampled per round (5), got 6");
    }

    [Fact]
    public void LoadText_NesterovWithoutMomentum_IsRejectedAtTheNesterovKey()
    {
        AssertError(Single(Base + "training:\n  nesterov: true\n"), 8, 13, "training.nesterov", "Nesterov momentum needs optimizer sgd with momentum > 0");
    }

    [Fact]
    public void LoadText_InvalidName_IsRejected()
    {
        AssertError(Single(Base + "name: my run\n"), 7, 7, "name", "expected a name of letters, digits, '.', '-' and '_' starting with a letter or digit, got 'my run'");
    }

    [Fact]
    public void LoadText_DuplicateKeys_ReportsEachRepeatWithTheFirstLine()
    {
        var errors = Fail(Base + "rounds: 4\ntraining:\n  lr: 0.1\n  lr: 0.2\n").Errors;

        Assert.Equal(2, errors.Count);
        AssertError(errors[0], 7, 1, "rounds", "duplicate key 'rounds' (first set at line 1)");
        AssertError(errors[1], 10, 3, "training.lr", "duplicate key 'lr' (first set at line 9)");
    }

    [Fact]
    public void LoadText_DuplicateSection_IsReported()
    {
        AssertError(Single(Base + "data:\n  dataset: cifar10\n"), 7, 1, "data", "duplicate key 'data' (first set at line 2)");
    }

    [Fact]
    public void LoadText_SectionThatIsNotAMapping_IsReported()
    {
        AssertError(Single(Base + "training: fast\n"), 7, 11, "training", "expected a mapping of training settings, got 'fast'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void LoadText_EmptyFile_IsOneErrorAtTheStart(string yaml)
    {
        AssertError(Single(yaml), 1, 1, "", "the file is empty; expected a mapping with at least rounds, data.dataset, model and clients.count");
    }

    [Fact]
    public void LoadText_TopLevelNotAMapping_IsRejected()
    {
        AssertError(Single("- rounds: 3\n- model: m\n"), 1, 1, "", "expected a mapping of keys to values at the top level, got a sequence");
        AssertError(Single("\n\nhello\n"), 3, 1, "", "expected a mapping of keys to values at the top level, got 'hello'");
    }

    [Fact]
    public void LoadText_SyntaxError_ReportsItsLine()
    {
        var e = Single("rounds: 3\ndata:\n  dataset: mnist\n bad: indentation\nmodel: m\n");

        Assert.Equal(4, e.Line);
        Assert.StartsWith("YAML syntax error: ", e.Message, StringComparison.Ordinal);
        Assert.Equal("", e.Path);
    }

    [Fact]
    public void LoadText_UnterminatedFlowSequence_IsASyntaxErrorNotACrash()
    {
        var e = Single("rounds: [1,\nmodel: m\n");

        Assert.True(e.Line >= 1);
        Assert.StartsWith("YAML syntax error", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnknownAlias_IsASyntaxError()
    {
        AssertError(Single(Base + "workers: *many\n"), 7, 10, "", "YAML syntax error: unknown alias *many");
    }

    [Fact]
    public void LoadText_TwoDocuments_IsRejectedAtTheSecond()
    {
        AssertError(Single(Base + "---\nrounds: 4\n"), 7, 1, "", "YAML syntax error: expected one YAML document, found a second one here");
    }

    [Fact]
    public void LoadText_ManyProblems_ReportsThemAllInFileOrder()
    {
        const string yaml = """
            rounds: 0
            data:
              dataset: mnist
              partition: nope
            model: m
            clients:
              count: 10
              fraction: 2
            training:
              batchsize: 32
              lr: -1
            """;

        var ex = Fail(yaml, "workers=x");

        Assert.Equal(
            ["rounds", "data.partition", "clients.fraction", "training.batchsize", "training.lr", "workers"],
            ex.Errors.Select(e => e.Path));
        Assert.Equal([1, 4, 8, 10, 11, 0], ex.Errors.Select(e => e.Line));
        Assert.StartsWith("6 errors in the experiment configuration:", ex.Message, StringComparison.Ordinal);
        foreach (var error in ex.Errors)
        {
            Assert.Contains(error.ToString(), ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConfigException_OneError_PutsItInTheMessage()
    {
        var ex = Fail(Base + "workers: -2\n");

        Assert.Equal("invalid experiment configuration: t.yaml:7:10: workers: expected an integer >= 0, got -2", ex.Message);
    }
}
