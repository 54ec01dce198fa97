using FedShield.Federation.State;

namespace FedShield.Learning.Tests;

public class OptimizerStateTests
{
    public static TheoryData<string> Optimizers => new() { "sgd(lr=0.05, momentum=0.9)", "sgd(lr=0.05, momentum=0.9, nesterov=true)", "adam(lr=0.01)", "adamw(lr=0.01)" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public async Task ImportState_KeepPolicy_ResumedClientContinuesBitForBit(string optimizer)
    {
        var data = TestData.Blobs(classes: 3, perClass: 20, seed: 4);
        var options = new LocalTrainingOptions(epochs: 1, batchSize: 8, optimizer: OptimizerSpec.Parse(optimizer), optimizerState: OptimizerStatePolicy.Keep);
        var poolA = TestData.Pool("mlp(hidden=[5])", data);
        var global1 = TestData.InitialWeights(poolA, seed: 1);
        var original = new LearningClient(2, data, TestData.Range(0, 45), default, poolA, options);
        var round1 = TestData.Update(await original.FitAsync(TestData.Fit(2, global1, round: 1, seed: 5), CancellationToken.None));

        // A checkpoint: the state goes through a bag (copied), into a new client on a new pool.
        var bag = new StateBag();
        bag.Merge("client2.", original.ExportState());
        var resumed = new LearningClient(2, data, TestData.Range(0, 45), default, TestData.Pool("mlp(hidden=[5])", data, seed: 7), options);
        resumed.ImportState(bag.Extract("client2."));

        var global2 = TestData.Add(global1, round1.Values);
        var expected = TestData.Update(await original.FitAsync(TestData.Fit(2, global2, round: 2, seed: 6), CancellationToken.None));
        var actual = TestData.Update(await resumed.FitAsync(TestData.Fit(2, global2, round: 2, seed: 6), CancellationToken.None));
        Assert.Equal(expected.Values, actual.Values);

        // The kept state matters: a client without it ends elsewhere.
        var fresh = new LearningClient(2, data, TestData.Range(0, 45), default, poolA, options);
        var withoutState = TestData.Update(await fresh.FitAsync(TestData.Fit(2, global2, round: 2, seed: 6), CancellationToken.None));
        Assert.NotEqual(expected.Values, withoutState.Values);
        Assert.Equal(original.ExportState().Arrays.Keys, resumed.ExportState().Arrays.Keys);
    }

    [Fact]
    public async Task FitAsync_ResetPolicy_ForgetsStateBetweenRounds()
    {
        var data = TestData.Blobs(classes: 2, perClass: 20, seed: 4);
        var pool = TestData.Pool("mlp(hidden=[5])", data);
        var options = new LocalTrainingOptions(batchSize: 8, optimizer: OptimizerSpec.Sgd(0.05, momentum: 0.9));
        var client = new LearningClient(0, data, TestData.Range(0, 40), default, pool, options);
        var global = TestData.InitialWeights(pool, seed: 1);
        var first = TestData.Update(await client.FitAsync(TestData.Fit(0, global, round: 1), CancellationToken.None));
        var second = TestData.Update(await client.FitAsync(TestData.Fit(0, global, round: 2), CancellationToken.None));
        Assert.Equal(first.Values, second.Values);
        Assert.Empty(client.ExportState().Arrays);
        Assert.Empty(client.ExportState().Values);
    }

    [Fact]
    public async Task ExportState_KeepPolicy_HoldsOptimizerNameStepsAndMoments()
    {
        var data = TestData.Blobs(classes: 2, perClass: 20, seed: 4);
        var pool = TestData.Pool("logistic", data);
        var options = new LocalTrainingOptions(epochs: 2, batchSize: 16, optimizer: OptimizerSpec.Adam(), optimizerState: OptimizerStatePolicy.Keep);
        var client = new LearningClient(0, data, TestData.Range(0, 40), default, pool, options);
        Assert.Empty(client.ExportState().Values);
        TestData.Update(await client.FitAsync(TestData.Fit(0, TestData.InitialWeights(pool, 1)), CancellationToken.None));
        var state = client.ExportState();
        Assert.Equal("adam", state.GetValue("optimizer"));
        Assert.Equal(6, state.GetInt64("step"));   // 2 epochs × ⌈40 / 16⌉ batches
        Assert.Equal(pool.ParameterCount, state.GetArray("exp_avg").Length);
        Assert.Equal(pool.ParameterCount, state.GetArray("exp_avg_sq").Length);
    }

    [Fact]
    public void ImportState_WrongOptimizerOrSize_Throws()
    {
        var data = TestData.Blobs(classes: 2, perClass: 20, seed: 4);
        var pool = TestData.Pool("logistic", data);
        var keep = new LearningClient(0, data, TestData.Range(0, 40), default, pool, new LocalTrainingOptions(optimizer: OptimizerSpec.Sgd(0.1, 0.9), optimizerState: OptimizerStatePolicy.Keep));

        var adamState = new StateBag();
        adamState.SetValue("optimizer", "adam");
        adamState.SetValue("step", 3);
        var e = Assert.Throws<ArgumentException>(() => keep.ImportState(adamState));
        Assert.Contains("the saved optimizer state is for 'adam', this client uses 'sgd'", e.Message, StringComparison.Ordinal);

        var shortMomentum = new StateBag();
        shortMomentum.SetValue("optimizer", "sgd");
        shortMomentum.SetValue("step", 3);
        shortMomentum.SetArray("momentum", new float[2]);
        e = Assert.Throws<ArgumentException>(() => keep.ImportState(shortMomentum));
        Assert.Contains("the saved 'momentum' has 2 values; the model has 6 parameters", e.Message, StringComparison.Ordinal);

        var reset = new LearningClient(0, data, TestData.Range(0, 40), default, pool, new LocalTrainingOptions());
        Assert.Throws<ArgumentException>(() => reset.ImportState(shortMomentum));
        reset.ImportState(new StateBag());
    }
}
