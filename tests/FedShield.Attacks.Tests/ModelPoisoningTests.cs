using FedShield.Federation.Messages;
using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Attacks.Tests;

public class ModelPoisoningTests
{
    private static readonly float[] Global = [0.5f, -1f, 2f];

    private static AttackContext Context(params int[] members) => new(Seeds.Run, new Coalition(members, Seeds.Run));

    private static async Task<ClientUpdate> FitAsync(IFederatedClient client, FitInstruction instruction) =>
        Assert.IsType<ClientUpdate>(await client.FitAsync(instruction, CancellationToken.None));

    [Fact]
    public async Task SignFlip_NegatesAndScalesTheDelta_KeepingSampleCountAndMetrics()
    {
        var honest = FakeClient.Sending(4, 1f, -2f, 0.25f);
        var client = new SignFlipAttack(scale: 2).Wrap(honest, Context(4));

        var update = await FitAsync(client, FakeClient.Instruction(4, Global));

        Assert.Equal([-2f, 4f, -0.5f], update.Values);
        Assert.Equal(UpdateKind.Delta, update.Kind);
        Assert.Equal(14, update.SampleCount);
        Assert.Equal(0.5, update.Metrics.GetOrNaN("train_loss"));
        Assert.Equal(4, update.ClientId);
        Assert.Equal(1, update.Round);
        Assert.Equal(4, client.Id);
    }

    [Fact]
    public async Task SignFlip_WeightsUpdate_IsTurnedIntoADeltaFirst()
    {
        var honest = FakeClient.SendingWeights(2, 1f, 2f, 3f);
        var client = new SignFlipAttack().Wrap(honest, Context(2));

        var update = await FitAsync(client, FakeClient.Instruction(2, Global));

        Assert.Equal(UpdateKind.Delta, update.Kind);
        Assert.Equal([-1f, -2f, -3f], update.Values);
    }

    [Fact]
    public async Task Scaling_MultipliesTheDelta()
    {
        var client = new ScalingAttack(10).Wrap(FakeClient.SendingWeights(1, 1f, -0.5f, 0f), Context(1));

        var update = await FitAsync(client, FakeClient.Instruction(1, Global, round: 3));

        Assert.Equal([10f, -5f, 0f], update.Values);
        Assert.Equal(UpdateKind.Delta, update.Kind);
        Assert.Equal(3, update.Round);
    }

    [Fact]
    public async Task GaussianNoise_AddsNoiseIndependentOfTheDelta_SeededByRunClientAndRound()
    {
        var weights = new float[4000];
        var attack = new GaussianNoiseAttack(0.5);
        var onZero = attack.Wrap(FakeClient.Sending(3, new float[4000]), Context(3));
        var onOnes = attack.Wrap(FakeClient.Sending(3, [.. Enumerable.Repeat(1f, 4000)]), Context(3));

        var noise = await FitAsync(onZero, FakeClient.Instruction(3, weights, round: 2));
        var shifted = await FitAsync(onOnes, FakeClient.Instruction(3, weights, round: 2));

        // The same (run, client, round) gives the same noise whatever the delta it is added to.
        for (int i = 0; i < noise.Values.Length; i++)
        {
            Assert.Equal(noise.Values[i] + 1f, shifted.Values[i], 1e-5f);
        }

        // The noise is N(0, 0.25): with 4000 draws the sample mean is within 4 standard errors
        // (4 · 0.5/√4000 ≈ 0.032) of 0 and the standard deviation within 5 % of 0.5.
        double mean = noise.Values.Average(v => (double)v);
        double std = Math.Sqrt(noise.Values.Sum(v => (v - mean) * (v - mean)) / (noise.Values.Length - 1));
        Assert.InRange(mean, -0.032, 0.032);
        Assert.InRange(std, 0.475, 0.525);
    }

    [Fact]
    public async Task GaussianNoise_SameSeedsSamePoison_OtherRoundClientOrRunSeedOtherPoison()
    {
        var weights = new float[16];
        async Task<float[]> PoisonAsync(int client, int round, long runSeed)
        {
            var wrapped = new GaussianNoiseAttack(0.5).Wrap(FakeClient.Sending(client, new float[16]), new AttackContext(runSeed, new Coalition([client], runSeed)));
            return (await FitAsync(wrapped, FakeClient.Instruction(client, weights, round, runSeed))).Values;
        }

        var reference = await PoisonAsync(client: 1, round: 1, runSeed: 5);
        Assert.Equal(reference, await PoisonAsync(client: 1, round: 1, runSeed: 5));
        Assert.NotEqual(reference, await PoisonAsync(client: 1, round: 2, runSeed: 5));
        Assert.NotEqual(reference, await PoisonAsync(client: 2, round: 1, runSeed: 5));
        Assert.NotEqual(reference, await PoisonAsync(client: 1, round: 1, runSeed: 6));
    }

    [Fact]
    public async Task GaussianNoise_ZeroSigma_SendsTheHonestDelta()
    {
        var client = new GaussianNoiseAttack(0).Wrap(FakeClient.Sending(0, 1f, 2f, 3f), Context(0));
        var update = await FitAsync(client, FakeClient.Instruction(0, Global));
        Assert.Equal([1f, 2f, 3f], update.Values);
    }

    [Fact]
    public async Task TargetedModel_SendsLambdaTimesTargetMinusGlobal_WithLambdaInRangeAndPerRound()
    {
        float[] target = [1.5f, 1f, 4f];
        var attack = new TargetedModelAttack(target);
        var honest = FakeClient.Sending(6, 9f, 9f, 9f);
        var client = attack.Wrap(honest, Context(6));

        var first = await FitAsync(client, FakeClient.Instruction(6, Global, round: 1));
        var second = await FitAsync(client, FakeClient.Instruction(6, Global, round: 2));

        // target − global = [1, 2, 2].
        double lambda1 = attack.LambdaFor(Seeds.Run, 6, 1);
        double lambda2 = attack.LambdaFor(Seeds.Run, 6, 2);
        Assert.InRange(lambda1, 0.25, 0.35);
        Assert.InRange(lambda2, 0.25, 0.35);
        Assert.NotEqual(lambda1, lambda2);
        Assert.Equal([(float)lambda1, (float)(2 * lambda1), (float)(2 * lambda1)], first.Values);
        Assert.Equal([(float)lambda2, (float)(2 * lambda2), (float)(2 * lambda2)], second.Values);
        Assert.Equal(UpdateKind.Delta, first.Kind);
        Assert.Equal(16, first.SampleCount);
        Assert.Equal(2, honest.FitCalls);
    }

    [Fact]
    public void TargetedModel_Lambda_IsUniformOverTheRange()
    {
        var attack = new TargetedModelAttack(new float[] { 1f }, 0.2, 0.4);
        var lambdas = Enumerable.Range(1, 2000).Select(r => attack.LambdaFor(Seeds.Run, 0, r)).ToArray();
        Assert.All(lambdas, l => Assert.InRange(l, 0.2, 0.4));
        Assert.InRange(lambdas.Average(), 0.295, 0.305);
        Assert.InRange(lambdas.Count(l => l < 0.25) / 2000.0, 0.22, 0.28);
    }

    [Fact]
    public async Task TargetedModel_TargetOfAnotherLength_IsAnErrorFailureWithoutTraining()
    {
        var honest = FakeClient.Sending(2, 1f, 1f, 1f);
        var client = new TargetedModelAttack(new float[] { 1f, 2f }).Wrap(honest, Context(2));

        var failure = Assert.IsType<ClientFailure>(await client.FitAsync(FakeClient.Instruction(2, Global), CancellationToken.None));

        Assert.Equal(FailureKind.Error, failure.Kind);
        Assert.Equal(2, failure.ClientId);
        Assert.Contains("the target model has 2 weights but the global model has 3", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(0, honest.FitCalls);
    }

    [Fact]
    public void TargetedModel_BadArguments_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new TargetedModelAttack(ReadOnlyMemory<float>.Empty));
        var nan = Assert.Throws<ArgumentException>(() => new TargetedModelAttack(new float[] { 1f, float.NaN }));
        Assert.Contains("weight 1 is NaN", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TargetedModelAttack(new float[] { 1f }, 0.4, 0.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TargetedModelAttack(new float[] { 1f }, -0.1, 0.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TargetedModelAttack(new float[] { 1f }, 0.1, double.PositiveInfinity));
    }

    [Fact]
    public void TargetedModel_CopiesTheTarget()
    {
        float[] target = [1f, 2f];
        var attack = new TargetedModelAttack(target);
        target[0] = 100f;
        Assert.Equal(1f, attack.Target.Span[0]);
    }

    [Theory]
    [InlineData("sign-flip")]
    [InlineData("scaling")]
    [InlineData("gaussian-noise")]
    [InlineData("targeted-model")]
    public async Task ModelPoisoning_HonestFailure_PassesThroughAndEvaluationIsHonest(string name)
    {
        var failure = new ClientFailure(3, 1, FailureKind.Timeout, "slow");
        var honest = new FakeClient(3, (_, _, _) => failure);
        IAttack attack = name switch
        {
            "sign-flip" => new SignFlipAttack(),
            "scaling" => new ScalingAttack(3),
            "gaussian-noise" => new GaussianNoiseAttack(0.5),
            _ => new TargetedModelAttack(new float[3]),
        };
        Assert.Equal(name, attack.Name);
        var client = attack.Wrap(honest, Context(3));

        Assert.Same(failure, await client.FitAsync(FakeClient.Instruction(3, Global), CancellationToken.None));
        var evaluation = Assert.IsType<ClientEvaluation>(await client.EvaluateAsync(new EvaluateInstruction(1, 3, Global), CancellationToken.None));
        Assert.Equal(0.75, evaluation.Accuracy);
        Assert.Equal(1, honest.EvaluateCalls);
    }

    [Fact]
    public async Task ModelPoisoning_HonestUpdateOfTheWrongLength_IsMalformed()
    {
        var client = new SignFlipAttack().Wrap(FakeClient.Sending(1, 1f, 2f), Context(1));

        var failure = Assert.IsType<ClientFailure>(await client.FitAsync(FakeClient.Instruction(1, Global), CancellationToken.None));

        Assert.Equal(FailureKind.Malformed, failure.Kind);
        Assert.Contains("the honest update has 2 values; the model has 3", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelPoisoning_CheckpointState_IsTheHonestClients()
    {
        var honest = FakeClient.Sending(1, 1f);
        honest.State = "kept";
        var client = Assert.IsAssignableFrom<ICheckpointable>(new ScalingAttack(2).Wrap(honest, Context(1)));

        var bag = client.ExportState();
        Assert.Equal("kept", bag.GetValue("state"));
        bag.SetValue("state", "restored");
        client.ImportState(bag);
        Assert.Equal("restored", honest.State);
    }

    [Fact]
    public void ModelPoisoning_ClientWithoutState_RejectsANonEmptyState()
    {
        var client = Assert.IsAssignableFrom<ICheckpointable>(new ScalingAttack(2).Wrap(new PlainClient(5), Context(5)));
        Assert.Empty(client.ExportState().Values);
        client.ImportState(new StateBag());
        var bag = new StateBag();
        bag.SetValue("x", 1);
        var error = Assert.Throws<ArgumentException>(() => client.ImportState(bag));
        Assert.Contains("client 5 keeps no state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelPoisoning_BadParameters_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoiseAttack(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoiseAttack(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignFlipAttack(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignFlipAttack(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScalingAttack(double.NaN));
    }

    [Fact]
    public void Names_AndDescriptions_AreStable()
    {
        Assert.Equal("sign-flip(scale=1)", new SignFlipAttack().ToString());
        Assert.Equal("scaling(factor=2.5)", new ScalingAttack(2.5).ToString());
        Assert.Equal("gaussian-noise(sigma=0.5)", new GaussianNoiseAttack(0.5).ToString());
        Assert.Equal("targeted-model(lambda=[0.25, 0.35))", new TargetedModelAttack(new float[] { 1f }).ToString());
        Assert.False(((IAttack)new SignFlipAttack()).Omniscient);
    }
}
