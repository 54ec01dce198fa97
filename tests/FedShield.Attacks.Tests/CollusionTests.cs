using FedShield.Federation.Messages;

namespace FedShield.Attacks.Tests;

public class CollusionTests
{
    private static readonly float[] Weights = [10f, 20f];

    // Members 1, 2, 3 send [1, 2], [3, 2], [5, 8]; honest 0 and 4 send [0, 0] and [-9, 8].
    private static readonly float[][] Deltas = [[0f, 0f], [1f, 2f], [3f, 2f], [5f, 8f], [-9f, 8f]];

    [Fact]
    public async Task Alie_NotOmniscient_SendsMeanMinusZStdOfTheSelectedMembers()
    {
        var (deployed, fakes) = Federations.Deploy(new LittleIsEnoughAttack(omniscient: false, z: 1.5), [1, 2, 3], Deltas);
        deployed.Coalition.RoundStarted(1, [0, 1, 2, 3, 4]);

        var replies = await Federations.FitAsync(deployed, [0, 1, 2, 3, 4], Weights);

        // Members' deltas: mean [3, 4]; sample std [2, √12]; μ − 1.5σ = [0, 4 − 1.5·√12].
        float[] expected = [0f, (float)(4 - (1.5 * Math.Sqrt(12)))];
        foreach (int member in new[] { 1, 2, 3 })
        {
            var update = Assert.IsType<ClientUpdate>(replies[member]);
            Assert.Equal(expected[0], update.Values[0], 1e-6f);
            Assert.Equal(expected[1], update.Values[1], 1e-6f);
            Assert.Equal(UpdateKind.Delta, update.Kind);
            Assert.Equal(10 + member, update.SampleCount);
        }

        Assert.Equal(Federations.Values(replies[1]), Federations.Values(replies[2]));
        Assert.Equal(Federations.Values(replies[1]), Federations.Values(replies[3]));
        Assert.Equal([0f, 0f], Federations.Values(replies[0]));
        Assert.Equal([-9f, 8f], Federations.Values(replies[4]));
        Assert.All(fakes, f => Assert.Equal(1, f.FitCalls));
        Assert.Same(fakes[0], deployed.Clients[0]);
    }

    [Fact]
    public async Task Alie_Omniscient_UsesEverySelectedClient()
    {
        var (deployed, fakes) = Federations.Deploy(new LittleIsEnoughAttack(omniscient: true, z: 1), [1, 2, 3], Deltas);
        deployed.Coalition.RoundStarted(1, [0, 1, 2, 3, 4]);
        Assert.IsType<ObservedClient>(deployed.Clients[0]);

        var replies = await Federations.FitAsync(deployed, [1, 2, 3, 0, 4], Weights);

        // All five: coordinate 0 is 0, 1, 3, 5, −9 (mean 0, variance 116/4 = 29); coordinate 1 is
        // 0, 2, 2, 8, 8 (mean 4, variance 56/4 = 14).
        var poison = Federations.Values(replies[0]);
        Assert.Equal((float)-Math.Sqrt(29), poison[0], 1e-5f);
        Assert.Equal((float)(4 - Math.Sqrt(14)), poison[1], 1e-5f);
        Assert.Equal(poison, Federations.Values(replies[1]));
        Assert.Equal(poison, Federations.Values(replies[2]));
        Assert.Equal([0f, 0f], Federations.Values(replies[3]));
        Assert.Equal([-9f, 8f], Federations.Values(replies[4]));
        Assert.All(fakes, f => Assert.Equal(1, f.FitCalls));
    }

    [Fact]
    public async Task Alie_DefaultZ_ComesFromTheRoundsSelection()
    {
        // n = 10 selected, f = 2 members: s = 6 − 2 = 4, z = Φ⁻¹((10 − 4)/10) = Φ⁻¹(0.6) = 0.253347;
        // the members' deltas (3, 1) and (7, 1): mean (5, 1), sample std (√8, 0), so 5 − 0.253347·√8 = 4.283426.
        var deltas = Enumerable.Range(0, 10).Select(i => new[] { (float)i, 1f }).ToArray();
        var (deployed, _) = Federations.Deploy(new LittleIsEnoughAttack(omniscient: false), [3, 7], deltas);
        deployed.Coalition.RoundStarted(1, [.. Enumerable.Range(0, 10)]);

        var replies = await Federations.FitAsync(deployed, [3, 7], Weights);

        foreach (var reply in replies)
        {
            var values = Federations.Values(reply);
            Assert.Equal(4.283426, values[0], 5);
            Assert.Equal(1f, values[1]);
        }
    }

    [Fact]
    public async Task Alie_DefaultZUndefined_IsAnErrorFailureSayingWhy()
    {
        var (deployed, _) = Federations.Deploy(new LittleIsEnoughAttack(omniscient: false), [1, 2], Deltas);
        deployed.Coalition.RoundStarted(1, [0, 1, 2]);

        var failure = Assert.IsType<ClientFailure>((await Federations.FitAsync(deployed, [1], Weights))[0]);

        Assert.Equal(FailureKind.Error, failure.Kind);
        Assert.Contains("z is undefined for n = 3 selected clients with f = 2 malicious", failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 12, 0.5828415072712162)]  // s = 14, Φ⁻¹(36/50)
    [InlineData(10, 2, 0.2533471031357998)]   // s = 4, Φ⁻¹(6/10)
    [InlineData(20, 4, 0.3853204664075676)]   // s = 7, Φ⁻¹(13/20)
    [InlineData(100, 20, 0.49585034734745304)] // s = 31, Φ⁻¹(69/100)
    public void Alie_DefaultZ_FollowsThePapersBound(int n, int f, double expected) =>
        Assert.Equal(expected, LittleIsEnoughAttack.DefaultZ(n, f), 12);

    [Theory]
    [InlineData(2, 0)]
    [InlineData(1, 0)]
    [InlineData(5, 3)]
    [InlineData(4, 4)]
    public void Alie_DefaultZ_UndefinedCasesAreNaN(int n, int f) => Assert.True(double.IsNaN(LittleIsEnoughAttack.DefaultZ(n, f)));

    [Fact]
    public void Alie_DefaultZ_BadCountsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LittleIsEnoughAttack.DefaultZ(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LittleIsEnoughAttack.DefaultZ(5, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => LittleIsEnoughAttack.DefaultZ(5, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LittleIsEnoughAttack(false, double.NaN));
    }

    [Fact]
    public async Task Ipm_SendsMinusEpsilonTimesTheKnownMean()
    {
        var (plain, _) = Federations.Deploy(new InnerProductAttack(0.5, omniscient: false), [1, 2, 3], Deltas);
        plain.Coalition.RoundStarted(1, [0, 1, 2, 3, 4]);
        var (omniscient, _) = Federations.Deploy(new InnerProductAttack(2, omniscient: true), [1, 2, 3], Deltas);
        omniscient.Coalition.RoundStarted(1, [0, 1, 2, 3, 4]);

        var fromMembers = await Federations.FitAsync(plain, [1, 2, 3], Weights);
        var fromAll = await Federations.FitAsync(omniscient, [2, 1, 3], Weights);

        // Members' mean [3, 4] → −0.5·[3, 4]; everyone's mean [0, 4] → −2·[0, 4].
        Assert.All(fromMembers, r => Assert.Equal([-1.5f, -2f], Federations.Values(r)));
        Assert.All(fromAll, r => Assert.Equal([0f, -8f], Federations.Values(r)));
        Assert.Equal("ipm(epsilon=0.5, omniscient=False)", new InnerProductAttack(0.5, false).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new InnerProductAttack(0, false));
    }

    [Fact]
    public async Task Colluders_OnlySelectedMembersCount_AndUnselectedClientsAreNeverTrained()
    {
        var (deployed, fakes) = Federations.Deploy(new InnerProductAttack(1, omniscient: false), [1, 3], Deltas);
        deployed.Coalition.RoundStarted(1, [0, 1, 2]);

        var reply = (await Federations.FitAsync(deployed, [1], Weights))[0];

        Assert.Equal([-1f, -2f], Federations.Values(reply));
        Assert.Equal([0, 1, 0, 0, 0], fakes.Select(f => f.FitCalls));
    }

    [Fact]
    public async Task Colluders_WeightsUpdatesFailuresAndNonFiniteUpdates_AreHandled()
    {
        var fakes = new[]
        {
            FakeClient.SendingWeights(0, 2f, 4f),
            FakeClient.Sending(1, 1f, 1f),
            new FakeClient(2, (c, i, _) => new ClientFailure(c.Id, i.Round, FailureKind.Error, "crashed")),
            FakeClient.Sending(3, float.NaN, 0f),
            new FakeClient(4, (_, _, _) => throw new InvalidOperationException("boom")),
        };
        var deployed = AttackDeployment.Deploy(fakes, new InnerProductAttack(1, omniscient: true), [1, 2], Seeds.Run);
        deployed.Coalition.RoundStarted(1, [0, 1, 2, 3, 4]);

        var replies = await Federations.FitAsync(deployed, [1, 2, 0, 4], Weights);

        // Usable: client 0 (weights turned into the delta [2, 4]) and client 1: mean [1.5, 2.5].
        Assert.Equal([-1.5f, -2.5f], Federations.Values(replies[0]));
        var failed = Assert.IsType<ClientFailure>(replies[1]);
        Assert.Equal("crashed", failed.Reason);

        // The honest client still gets its own weights update, untouched by the coalition's conversion.
        var honest = Assert.IsType<ClientUpdate>(replies[2]);
        Assert.Equal(UpdateKind.Weights, honest.Kind);
        Assert.Equal([12f, 24f], honest.Values);

        var crashed = Assert.IsType<ClientFailure>(replies[3]);
        Assert.Equal(FailureKind.Error, crashed.Kind);
        Assert.Equal("InvalidOperationException: boom", crashed.Reason);
        Assert.All(fakes, f => Assert.True(f.FitCalls <= 1));
    }

    [Fact]
    public async Task Colluders_EvaluationGoesToTheHonestClient()
    {
        var (deployed, fakes) = Federations.Deploy(new LittleIsEnoughAttack(false, 1), [1], Deltas);
        var evaluation = await deployed.Clients[1].EvaluateAsync(new EvaluateInstruction(1, 1, Weights), CancellationToken.None);
        Assert.IsType<ClientEvaluation>(evaluation);
        Assert.Equal(1, fakes[1].EvaluateCalls);
    }
}
