using FedShield.Experiments.Adversarial;
using FedShield.Experiments.Output;
using FedShield.Experiments.Running;
using FedShield.Experiments.Tests.Running;
using FedShield.Federation.Metrics;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;

namespace FedShield.Experiments.Tests.Adversarial;

public class AdversarialRunTests
{
    [Fact]
    public async Task GaussianNoise_AgainstMedian_RecordsTheAttackAndItsExclusions()
    {
        using var dir = new TempDirectory();
        var outcome = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("attack.type=gaussian-noise", "attack.count=2", "strategy.aggregator=median"), RunnerFixture.Options(dir.File("run")));

        Assert.Equal(RunStatus.Completed, outcome.Summary.Status);
        Assert.Equal("fedavg+median", outcome.Summary.Strategy);
        var note = Assert.Single(outcome.Summary.Notes, n => n.StartsWith("attack:", StringComparison.Ordinal));
        Assert.Contains("gaussian-noise by 2 of 8 clients", note, StringComparison.Ordinal);
        var rows = MetricsJournal.Read(dir.File("run")).Rows;
        Assert.All(rows, r => Assert.True(r.Contains("attack.malicious_selected")));

        // The median excludes nobody as a whole; across six rounds of 4 of 8 clients the two attackers are sampled.
        Assert.True(rows.Sum(r => r.GetNumber("attack.malicious_selected")) > 0);
        Assert.All(rows, r => Assert.Equal(0, r.GetNumber("attack.malicious_excluded")));
        Assert.All(rows, r => Assert.Equal(0, r.GetNumber("agg.excluded")));
    }

    [Fact]
    public async Task MultiKrum_LeavesOutLoudAttackers_AndSaysSo()
    {
        using var dir = new TempDirectory();
        await ExperimentRunner.RunAsync(
            RunnerFixture.Config("attack.type=gaussian-noise", "attack.count=2", "attack.sigma=5", "clients.per_round=8", "strategy.aggregator=multi-krum", "strategy.byzantine_count=2"),
            RunnerFixture.Options(dir.File("run")));
        var rows = MetricsJournal.Read(dir.File("run")).Rows;
        double selected = rows.Sum(r => r.GetNumber("attack.malicious_selected"));
        Assert.Equal(12, selected); // every client every round: both attackers in all six
        Assert.Equal(selected, rows.Sum(r => r.GetNumber("attack.malicious_excluded")));
        foreach (var row in rows)
        {
            foreach (var field in row.Fields.Where(f => f.Name.StartsWith("attack.excluded.c", StringComparison.Ordinal)))
            {
                Assert.Equal(1, row.GetNumber(field.Name));
            }
        }
    }

    [Fact]
    public async Task Krum_WithTooFewUpdates_SkipsEveryRoundNamingTheAssumption()
    {
        using var dir = new TempDirectory();
        var outcome = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("strategy.aggregator=krum", "strategy.byzantine_count=1", "rounds=2"), RunnerFixture.Options(dir.File("run")));
        var rows = MetricsJournal.Read(dir.File("run")).Rows;
        Assert.All(rows, r => Assert.Equal("skipped", r.GetText(RoundFields.Status)));
        Assert.All(rows, r => Assert.Contains("n > 2f + 2", r.GetText(RoundFields.Reason), StringComparison.Ordinal));
        Assert.Equal(RunStatus.Completed, outcome.Summary.Status);
    }

    [Fact]
    public async Task LabelFlip_AddsSourceAccuracyAndAttackSuccessRate()
    {
        using var dir = new TempDirectory();
        await ExperimentRunner.RunAsync(
            RunnerFixture.Config("attack.type=label-flip", "attack.count=3", "attack.source=class-2", "attack.target=5"), RunnerFixture.Options(dir.File("run")));
        var evaluated = MetricsJournal.Read(dir.File("run")).Rows.Where(r => double.IsFinite(r.GetNumber(RoundFields.TestAccuracy))).ToList();
        Assert.NotEmpty(evaluated);
        foreach (var row in evaluated)
        {
            double src = row.GetNumber(AdversarialSetup.SourceAccuracyMetric);
            double asr = row.GetNumber(AdversarialSetup.AttackSuccessMetric);
            Assert.InRange(src, 0, 1);
            Assert.InRange(asr, 0, 1 - src + 1e-12);
            Assert.Equal(row.GetNumbers(RoundFields.PerClassAccuracy)![2], src);
        }

        var html = File.ReadAllText(Path.Combine(dir.File("run"), RunFiles.ReportHtml));
        Assert.Contains("chart-attack", html, StringComparison.Ordinal);
        Assert.Contains("label-flip by 3 of 8 clients", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FoolsGold_ResumesBitIdentical_WithItsHistoryInTheCheckpoint()
    {
        string[] sets = ["strategy.aggregator=foolsgold", "attack.type=sign-flip", "attack.count=2", "checkpoint.every=2"];
        using var dir = new TempDirectory();
        await ExperimentRunner.RunAsync(RunnerFixture.Config(sets), RunnerFixture.Options(dir.File("full")));
        await ExperimentRunner.RunAsync(RunnerFixture.Config(sets), RunnerFixture.Options(dir.File("cut")) with { StopAfterRound = 3 });
        await ExperimentRunner.ResumeAsync(dir.File("cut"), RunnerFixture.Options(dir.File("cut")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("full"), ExperimentRunner.ModelFile)), File.ReadAllBytes(Path.Combine(dir.File("cut"), ExperimentRunner.ModelFile)));
    }

    [Theory]
    [InlineData("attack.type=backdoor|attack.target=1", "needs image samples")]
    [InlineData("attack.type=targeted-model|attack.target_model=/no/such/model.safetensors", "no file '/no/such/model.safetensors'")]
    [InlineData("attack.type=label-flip|attack.source=dog|attack.target=1", "the classes are 'class-0'")]
    [InlineData("evaluation.source_class=12|evaluation.target_class=1", "nor a class index below")]
    public async Task SetupErrors_NameTheProblem(string sets, string expected)
    {
        using var dir = new TempDirectory();
        var ex = await Assert.ThrowsAsync<ExperimentSetupException>(() => ExperimentRunner.RunAsync(RunnerFixture.Config(sets.Split('|')), RunnerFixture.Options(dir.File("run"))));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetedModel_TowardsARandomModel_Runs()
    {
        using var dir = new TempDirectory();
        var outcome = await ExperimentRunner.RunAsync(
            RunnerFixture.Config("attack.type=targeted-model", "attack.target_model=random", "attack.count=2", "rounds=2"), RunnerFixture.Options(dir.File("run")));
        Assert.Equal(RunStatus.Completed, outcome.Summary.Status);
        Assert.All(MetricsJournal.Read(dir.File("run")).Rows, r => Assert.Equal(0, r.GetNumber(RoundFields.ClientsFailed)));
    }

    [Fact]
    public void ExclusionMetric_CountsSelectedAndExcludedAttackers()
    {
        var metric = new ExclusionMetric([2, 5, 9]);
        var aggregation = new AggregationResult([0f], MetricSet.Empty, [1, 5]);
        var set = metric.Measure(new RoundContext(3, [1, 2, 5, 7], [1, 2, 5, 7], aggregation, new float[1], null));
        Assert.Equal(2, set.GetOrNaN("attack.malicious_selected"));
        Assert.Equal(1, set.GetOrNaN("attack.malicious_excluded"));
        Assert.Equal(1, set.GetOrNaN("attack.honest_excluded"));
        Assert.Equal(0, set.GetOrNaN("attack.excluded.c2"));
        Assert.Equal(1, set.GetOrNaN("attack.excluded.c5"));
        Assert.True(double.IsNaN(set.GetOrNaN("attack.excluded.c9")));

        var skipped = metric.Measure(new RoundContext(4, [2, 9], [], null, new float[1], null));
        Assert.Equal(2, skipped.GetOrNaN("attack.malicious_selected"));
        Assert.Equal(0, skipped.GetOrNaN("attack.malicious_excluded"));
    }

    [Fact]
    public void OutputLayer_IsTheLastModulesParameters()
    {
        var blueprint = Learning.Models.ModelCatalog.Resolve(Learning.Models.ModelSpec.Parse("mnist-cnn"), new Learning.Models.ModelInput([1, 28, 28], 10));
        var range = FederationSetup.OutputLayer(blueprint);
        var (offset, length) = range.GetOffsetAndLength(21_840);

        // The last layer of the FFL MNIST CNN maps 50 features to 10 classes: 500 weights and 10 biases, at the end.
        Assert.Equal((21_840 - 510, 510), (offset, length));
    }
}
