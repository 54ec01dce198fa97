using FedShield.Federation;
using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;

namespace FedShield.Simulation.Tests;

public class SimulationTransportTests
{
    private static float[] Initial => [.. Enumerable.Range(0, 64).Select(i => (float)Math.Sin(i))];

    private static async Task<float[]> RunFederation(int workers, int rounds = 4, int clients = 24)
    {
        using var transport = new SimulationTransport(Enumerable.Range(0, clients).Select(i => new NoisyClient(i)), new SimulationOptions(workers));
        var orchestrator = new Orchestrator(transport, Strategies.FedAvgM(UniformSampler.WithFraction(0.5)), Initial, new OrchestratorOptions(seed: 5));
        await orchestrator.RunAsync(rounds);
        return orchestrator.Weights.ToArray();
    }

    [Fact]
    public async Task Federation_AnyWorkerCount_BitIdenticalModel()
    {
        var one = await RunFederation(1);
        var two = await RunFederation(2);
        var seven = await RunFederation(7);
        Assert.Equal(one, two);
        Assert.Equal(one, seven);
        Assert.NotEqual(Initial, one);
    }

    [Fact]
    public async Task Fit_EveryInstructionGetsOneReplyWithTraffic()
    {
        using var transport = new SimulationTransport(Enumerable.Range(0, 9).Select(i => new NoisyClient(i)), new SimulationOptions(3));
        var weights = new float[10];
        var instructions = Enumerable.Range(0, 9).Select(i => new FitInstruction(1, i, weights, i, FitSettings.Default)).ToArray();
        var replies = new List<ClientReply>();
        await foreach (var r in transport.FitAsync(instructions, TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            replies.Add(r);
        }

        Assert.Equal(Enumerable.Range(0, 9), replies.Select(r => r.ClientId).Order());
        Assert.All(replies, r => Assert.Equal(new Traffic(WireSize.HeaderBytes + 40, WireSize.Of(r)), r.Traffic));
    }

    [Fact]
    public async Task Exchange_ClientNotAProtocolParticipant_FailureNamingTheProtocol()
    {
        using var transport = new SimulationTransport([new NoisyClient(0)], new SimulationOptions(1));
        var replies = new List<ClientReply>();
        await foreach (var r in transport.ExchangeAsync([new ProtocolMessage(1, 0, "secagg", 2, new byte[10])], TimeSpan.FromSeconds(5), CancellationToken.None))
        {
            replies.Add(r);
        }

        var failure = Assert.IsType<ClientFailure>(Assert.Single(replies));
        Assert.Contains("secagg", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(WireSize.HeaderBytes + 6 + 10, failure.Traffic.Sent);
    }

    [Fact]
    public async Task Fit_ClientThrows_ErrorFailureWithMessage()
    {
        var bad = new NoisyClient(1) { Behaviour = (_, _) => throw new InvalidDataException("disk on fire") };
        var transport = new SimulationTransport([new NoisyClient(0), bad]);
        var replies = await Collect(transport, [0, 1]);
        var failure = Assert.IsType<ClientFailure>(replies.Single(r => r.ClientId == 1));
        Assert.Equal(FailureKind.Error, failure.Kind);
        Assert.Contains("disk on fire", failure.Reason, StringComparison.Ordinal);
        Assert.IsType<ClientUpdate>(replies.Single(r => r.ClientId == 0));
    }

    [Fact]
    public async Task Fit_ClientPastTimeout_TimeoutFailure()
    {
        var slow = new NoisyClient(1)
        {
            Behaviour = (_, token) =>
            {
                token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                token.ThrowIfCancellationRequested();
                throw new InvalidOperationException("the timeout never fired");
            },
        };
        var transport = new SimulationTransport([new NoisyClient(0), slow]);
        var replies = await Collect(transport, [0, 1], TimeSpan.FromMilliseconds(200));
        var failure = Assert.IsType<ClientFailure>(replies.Single(r => r.ClientId == 1));
        Assert.Equal(FailureKind.Timeout, failure.Kind);
    }

    [Fact]
    public async Task Fit_UnknownClient_Unavailable()
    {
        var replies = await Collect(new SimulationTransport([new NoisyClient(0)]), [0, 42]);
        Assert.Equal(FailureKind.Unavailable, Assert.IsType<ClientFailure>(replies.Single(r => r.ClientId == 42)).Kind);
    }

    [Fact]
    public async Task Orchestrator_WithTimeoutsAndMinReplies_SkipsAndSaysWhy()
    {
        var clients = Enumerable.Range(0, 4).Select(i => new NoisyClient(i)).ToList();
        foreach (var c in clients.Skip(1))
        {
            c.Behaviour = (i, _) => new ClientFailure(i.ClientId, i.Round, FailureKind.Timeout, "no reply within the round timeout");
        }

        var orchestrator = new Orchestrator(new SimulationTransport(clients), Strategies.FedAvg(UniformSampler.WithFraction(1)), Initial, new OrchestratorOptions(1, minReplies: 2));
        var record = await orchestrator.RunRoundAsync(false);
        Assert.Equal(RoundOutcome.Skipped, record.Outcome);
        Assert.Equal(Initial, orchestrator.Weights.ToArray());
    }

    [Fact]
    public async Task ClientStates_ExportImport_ResumeIsBitIdentical()
    {
        static SimulationTransport Make() => new(Enumerable.Range(0, 6).Select(i => new NoisyClient(i)), new SimulationOptions(2));
        static Orchestrator Orch(SimulationTransport t) => new(t, Strategies.FedAvg(UniformSampler.WithCount(4)), Initial, new OrchestratorOptions(seed: 9));

        var full = Orch(Make());
        await full.RunAsync(5);

        var t1 = Make();
        var first = Orch(t1);
        await first.RunAsync(2);
        var server = first.ExportState();
        var clients = t1.ExportClientStates();
        Assert.NotEmpty(clients.Arrays);

        var t2 = Make();
        t2.ImportClientStates(clients);
        var resumed = Orch(t2);
        resumed.ImportState(server);
        await resumed.RunAsync(5);
        Assert.Equal(full.Weights.ToArray(), resumed.Weights.ToArray());
    }

    [Fact]
    public async Task Fit_SlowReader_RepliesWaitingStayBoundedByWorkers()
    {
        var finished = 0;
        var maxWaiting = 0;
        var clients = Enumerable.Range(0, 40).Select(i => new NoisyClient(i)).ToList();
        foreach (var c in clients)
        {
            c.Behaviour = (instruction, _) =>
            {
                Interlocked.Increment(ref finished);
                return new ClientUpdate(instruction.ClientId, instruction.Round, [1f], UpdateKind.Delta, 1, Federation.Metrics.MetricSet.Empty);
            };
        }

        using var transport = new SimulationTransport(clients, new SimulationOptions(2));
        var instructions = clients.Select(c => new FitInstruction(1, c.Id, new float[1], c.Id, FitSettings.Default)).ToArray();
        var read = 0;
        await foreach (var _ in transport.FitAsync(instructions, TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            read++;
            await Task.Delay(5);
            maxWaiting = Math.Max(maxWaiting, Volatile.Read(ref finished) - read);
        }

        // Two queued per worker, plus one blocked in each worker's hand-over.
        Assert.Equal(40, read);
        Assert.InRange(maxWaiting, 0, (2 * 2) + 2);
    }

    [Fact]
    public async Task Fit_ReaderStopsEarly_WorkersAreReleasedForTheNextRound()
    {
        using var transport = new SimulationTransport(Enumerable.Range(0, 30).Select(i => new NoisyClient(i)), new SimulationOptions(1));
        var weights = new float[4];
        var instructions = Enumerable.Range(0, 30).Select(i => new FitInstruction(1, i, weights, i, FitSettings.Default)).ToArray();
        await foreach (var _ in transport.FitAsync(instructions, TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            break;
        }

        var second = await Collect(transport, [0, 1, 2]);
        Assert.Equal(3, second.Count);
    }

    [Fact]
    public void Constructor_DuplicateIds_Rejected()
    {
        Assert.Contains("id 3", Assert.Throws<ArgumentException>(() => new SimulationTransport([new NoisyClient(3), new NoisyClient(3)])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SimulationTransport([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationOptions(-1));
    }

    private static async Task<List<ClientReply>> Collect(SimulationTransport transport, int[] ids, TimeSpan? timeout = null)
    {
        var weights = new float[4];
        var replies = new List<ClientReply>();
        await foreach (var r in transport.FitAsync([.. ids.Select(i => new FitInstruction(1, i, weights, i, FitSettings.Default))], timeout ?? TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            replies.Add(r);
        }

        return replies;
    }
}
