using FedShield.Federation.Messages;

namespace FedShield.Attacks.Tests;

public class CoalitionTests
{
    private static readonly float[] Weights = [1f, 2f, 3f];

    /// <summary>Twelve clients, six malicious; each honest fit sleeps a little so that the threads overlap.</summary>
    private static (DeployedAttack Deployed, FakeClient[] Fakes) SlowFederation(IAttack attack)
    {
        var fakes = Enumerable.Range(0, 12).Select(id => new FakeClient(id, (c, i, _) =>
        {
            Thread.Sleep(2);
            return FakeClient.Update(c.Id, i.Round, [c.Id, i.Round, -c.Id]);
        })).ToArray();
        return (AttackDeployment.Deploy(fakes, attack, [0, 2, 5, 7, 8, 11], Seeds.Run), fakes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ParallelColluders_TrainEachClientOncePerRound_AndAgree(bool omniscient)
    {
        var (deployed, fakes) = SlowFederation(new LittleIsEnoughAttack(omniscient, z: 1));
        int[] members = [0, 2, 5, 7, 8, 11];
        for (int round = 1; round <= 4; round++)
        {
            deployed.Coalition.RoundStarted(round, [.. Enumerable.Range(0, 12)]);

            var replies = Federations.FitInParallel(deployed.Clients, Weights, round);

            Assert.All(fakes, f => Assert.Equal(round, f.FitCalls));
            var poison = Federations.Values(replies[0]);
            Assert.All(members, m => Assert.Equal(poison, Federations.Values(replies[m])));
            foreach (int honest in Enumerable.Range(0, 12).Except(members))
            {
                Assert.Equal([honest, round, -honest], Federations.Values(replies[honest]));
            }

            // Coordinate 1 is the round for everyone: mean = round, std = 0.
            Assert.Equal(round, poison[1]);

            // Coordinate 0: members 0, 2, 5, 7, 8, 11 (mean 5.5) or all 0..11 (mean 5.5) minus their std.
            double[] known = omniscient ? [.. Enumerable.Range(0, 12).Select(i => (double)i)] : [0, 2, 5, 7, 8, 11];
            double std = Math.Sqrt(known.Sum(v => (v - 5.5) * (v - 5.5)) / (known.Length - 1));
            Assert.Equal((float)(5.5 - std), poison[0], 1e-5f);
        }
    }

    [Fact]
    public async Task HonestDeltas_NotOmniscientGivesSelectedMembers_OmniscientGivesEverySelectedClient()
    {
        var fakes = Enumerable.Range(0, 6).Select(id => FakeClient.SendingWeights(id, id, 0f, 0f)).ToArray();
        var deployed = AttackDeployment.Deploy(fakes, new InnerProductAttack(1, omniscient: true), [1, 3, 5], Seeds.Run);
        var coalition = deployed.Coalition;
        coalition.RoundStarted(1, [3, 2, 1, 0]);

        Assert.Equal([0, 1, 2, 3], coalition.SelectedIn(1));
        Assert.Equal([1, 3], coalition.SelectedMembersIn(1));
        var instruction = FakeClient.Instruction(1, Weights);
        var members = await coalition.HonestDeltasAsync(instruction, omniscient: false, CancellationToken.None);
        var everyone = await coalition.HonestDeltasAsync(instruction, omniscient: true, CancellationToken.None);

        // Weights updates come back as deltas: client k's delta is [k, 0, 0].
        Assert.Equal([[1f, 0f, 0f], [3f, 0f, 0f]], members.Select(d => d.ToArray()));
        Assert.Equal([[0f, 0f, 0f], [1f, 0f, 0f], [2f, 0f, 0f], [3f, 0f, 0f]], everyone.Select(d => d.ToArray()));
        Assert.Equal([1, 1, 1, 1, 0, 0], fakes.Select(f => f.FitCalls));

        var unselected = await Assert.ThrowsAsync<InvalidOperationException>(async () => await coalition.HonestDeltasAsync(FakeClient.Instruction(5, Weights), false, CancellationToken.None));
        Assert.Contains("member 5 asks for round 1's honest updates but was not selected", unselected.Message, StringComparison.Ordinal);
        var notMember = await Assert.ThrowsAsync<ArgumentException>(async () => await coalition.HonestDeltasAsync(FakeClient.Instruction(2, Weights), false, CancellationToken.None));
        Assert.Contains("client 2 is not a member of the coalition (members: 1, 3, 5)", notMember.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HonestUpdate_IsACopy_SoChangingItLeavesTheSharedDeltaAlone()
    {
        var (deployed, _) = Federations.Deploy(new InnerProductAttack(1, omniscient: true), [1], [4f, 4f, 4f], [1f, 1f, 1f]);
        deployed.Coalition.RoundStarted(1, [0, 1]);

        var honest = Assert.IsType<ClientUpdate>(await deployed.Clients[0].FitAsync(FakeClient.Instruction(0, Weights), CancellationToken.None));
        honest.Values[0] = 1000f;

        var known = await deployed.Coalition.HonestDeltasAsync(FakeClient.Instruction(1, Weights), true, CancellationToken.None);
        Assert.Equal([4f, 4f, 4f], known[0].ToArray());
    }

    [Fact]
    public async Task NewRound_DropsTheLastRoundsMemo()
    {
        var (deployed, fakes) = Federations.Deploy(new InnerProductAttack(1, omniscient: true), [1], [4f, 4f, 4f], [1f, 1f, 1f]);
        var coalition = deployed.Coalition;
        coalition.RoundStarted(1, [0, 1]);
        await Federations.FitAsync(deployed, [1, 0], Weights, round: 1);
        coalition.RoundStarted(2, [0, 1]);

        // Round 1 is forgotten: the member cannot ask for it, and the honest client simply fits again.
        var stale = await Assert.ThrowsAsync<InvalidOperationException>(async () => await deployed.Clients[1].FitAsync(FakeClient.Instruction(1, Weights, round: 1), CancellationToken.None));
        Assert.Contains("was not told that round 1 started", stale.Message, StringComparison.Ordinal);
        await deployed.Clients[0].FitAsync(FakeClient.Instruction(0, Weights, round: 1), CancellationToken.None);
        Assert.Equal(2, fakes[0].FitCalls);
        Assert.Throws<InvalidOperationException>(() => coalition.SelectedIn(1));

        await Federations.FitAsync(deployed, [0, 1], Weights, round: 2);
        Assert.Equal([3, 2], fakes.Select(f => f.FitCalls));
    }

    [Fact]
    public async Task NotRegisteredAsObserver_ColludersSaySo()
    {
        var (deployed, _) = Federations.Deploy(new LittleIsEnoughAttack(false, 1), [0], [1f, 1f, 1f]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await deployed.Clients[0].FitAsync(FakeClient.Instruction(0, Weights), CancellationToken.None));
        Assert.Contains("register it as the federation's observer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoalitionWithAnotherRunSeed_IsDetected()
    {
        var fakes = new[] { FakeClient.Sending(0, 1f, 1f, 1f), FakeClient.Sending(1, 2f, 2f, 2f) };
        var deployed = AttackDeployment.Deploy(fakes, new LittleIsEnoughAttack(false, 1), [1], runSeed: Seeds.Run + 1);
        deployed.Coalition.RoundStarted(1, [0, 1]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await deployed.Clients[1].FitAsync(FakeClient.Instruction(1, Weights), CancellationToken.None));
        Assert.Contains($"but the coalition's run seed {Seeds.Run + 1} gives", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OmniscientAttackWithoutObservedClients_SaysHowToDeploy()
    {
        var coalition = new Coalition([1], Seeds.Run);
        var colluder = new InnerProductAttack(1, omniscient: true).Wrap(FakeClient.Sending(1, 1f, 1f, 1f), new AttackContext(Seeds.Run, coalition));
        coalition.RoundStarted(1, [0, 1]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await colluder.FitAsync(FakeClient.Instruction(1, Weights), CancellationToken.None));
        Assert.Contains("honest client 0, selected in round 1, is not observed", error.Message, StringComparison.Ordinal);
        Assert.Contains("AttackDeployment.Deploy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedRun_FromAnotherInstruction_IsDetected()
    {
        var (deployed, _) = Federations.Deploy(new InnerProductAttack(1, omniscient: true), [1], [1f, 1f, 1f], [2f, 2f, 2f]);
        deployed.Coalition.RoundStarted(1, [0, 1]);
        await deployed.Clients[1].FitAsync(FakeClient.Instruction(1, Weights), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await deployed.Clients[0].FitAsync(FakeClient.Instruction(0, [9f, 9f, 9f]), CancellationToken.None));
        Assert.Contains("client 0's honest update for round 1 was computed from another instruction than the one it received (other weights)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledTraining_IsWithdrawn_SoTheNextCallerTrainsIt()
    {
        using var first = new CancellationTokenSource();
        var fake = new FakeClient(0, (c, i, ct) =>
        {
            if (c.FitCalls == 1)
            {
                // The first run is cut short by its caller's deadline.
                first.Cancel();
                ct.ThrowIfCancellationRequested();
            }

            return FakeClient.Update(c.Id, i.Round, [7f, 7f, 7f]);
        });
        var deployed = AttackDeployment.Deploy([fake, FakeClient.Sending(1, 1f, 1f, 1f)], new InnerProductAttack(1, omniscient: true), [1], Seeds.Run);
        deployed.Coalition.RoundStarted(1, [0, 1]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await deployed.Clients[0].FitAsync(FakeClient.Instruction(0, Weights), first.Token));
        var reply = await deployed.Clients[0].FitAsync(FakeClient.Instruction(0, Weights), CancellationToken.None);
        var poison = await deployed.Clients[1].FitAsync(FakeClient.Instruction(1, Weights), CancellationToken.None);

        Assert.Equal([7f, 7f, 7f], Federations.Values(reply));
        Assert.Equal([-4f, -4f, -4f], Federations.Values(poison));
        Assert.Equal(2, fake.FitCalls);
    }

    [Fact]
    public void Membership_IsValidated()
    {
        var duplicate = Assert.Throws<ArgumentException>(() => new Coalition([1, 2, 1], 0));
        Assert.Contains("member 1 appears twice", duplicate.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Coalition([-1], 0));

        var coalition = new Coalition([2, 1], 0);
        Assert.Equal([1, 2], coalition.Members);
        Assert.True(coalition.IsMember(2));
        Assert.False(coalition.IsMember(3));
        var stranger = Assert.Throws<ArgumentException>(() => coalition.Enlist(new PlainClient(3)));
        Assert.Contains("client 3 is not a member of the coalition (members: 1, 2)", stranger.Message, StringComparison.Ordinal);
        var member = Assert.Throws<ArgumentException>(() => new ObservedClient(new PlainClient(1), coalition));
        Assert.Contains("client 1 is a member of the coalition", member.Message, StringComparison.Ordinal);

        var client = new PlainClient(2);
        coalition.Enlist(client);
        coalition.Enlist(client);
        Assert.Throws<ArgumentException>(() => coalition.Enlist(new PlainClient(2)));
        Assert.Throws<ArgumentException>(() => coalition.RoundStarted(1, [1, 1]));
    }

    [Fact]
    public async Task ObservedClient_MisaddressedInstruction_GoesStraightToTheHonestClient()
    {
        var fake = FakeClient.Sending(0, 1f, 1f, 1f);
        var coalition = new Coalition([1], Seeds.Run);
        var observed = new ObservedClient(fake, coalition);
        coalition.RoundStarted(1, [0, 1]);

        await observed.FitAsync(FakeClient.Instruction(5, Weights), CancellationToken.None);
        await observed.FitAsync(FakeClient.Instruction(0, Weights), CancellationToken.None);
        await observed.FitAsync(FakeClient.Instruction(0, Weights), CancellationToken.None);

        Assert.Equal(2, fake.FitCalls);
        Assert.Equal([5, 0], fake.Instructions.Select(i => i.ClientId));
        Assert.Same(fake, observed.Honest);
    }
}
