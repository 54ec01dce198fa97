using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Strategies;
using FedShield.Federation.Transport;
using FedShield.Transport.Http.Server;

namespace FedShield.Transport.Http.Tests;

/// <summary>
/// A gRPC client that shares no code with FedShield, Python's grpcio (python/grpc_participant.py), joins a
/// FedShield server beside a C# client and completes a round; and is refused like any client with a wrong token.
/// </summary>
public sealed class PythonInteropTests
{
    private const int PythonId = 7;
    private const long PythonSamples = 20;
    private const long CSharpSamples = 10;
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromSeconds(90);

    // 300 weights = 1200 bytes: five chunks of at most 256 bytes each way.
    private static readonly float[] Initial = [.. Enumerable.Range(0, 300).Select(i => (float)Math.Sin(i))];

    [PythonInteropFact]
    public async Task Round_PythonGrpcioParticipantBesideCSharpClient_AppliedWithTheExactFedAvg()
    {
        using var temp = new TempDirectory();
        var descriptors = await DescriptorSetAsync(temp);
        await using var net = await LoopbackFederation.StartAsync(new HttpServerOptions { ChunkBytes = 256 });
        using var python = StartParticipant(net.Server.Address, descriptors, "--instructions", "5");
        var csharp = new RecordingClient(new TrainingClient(1, CSharpSamples));
        net.Connect(csharp);

        try
        {
            await net.Server.Transport.WaitForClientsAsync(2, TimeSpan.FromSeconds(60), CancellationToken.None);
        }
        catch (TimeoutException ex)
        {
            Assert.Fail($"{ex.Message}; joined: [{string.Join(", ", net.Server.Transport.AvailableClients)}]\n{python.Output}");
        }

        var strategy = Federation.Strategies.Strategies.FedAvg(UniformSampler.WithCount(2));
        var orchestrator = net.Orchestrator(strategy, Initial, new OrchestratorOptions(seed: 11, minReplies: 2, roundTimeout: TimeSpan.FromSeconds(60)));
        var record = await orchestrator.RunRoundAsync(false);

        var failures = string.Join("; ", record.Failures.Select(f => $"{f.ClientId}: {f.Kind} {f.Reason}"));
        Assert.True(record.Outcome == RoundOutcome.Applied, $"round {record.Outcome} ({record.Reason}); failures: {failures}\n{python.Output}");
        Assert.Equal([1, PythonId], record.Participants);

        // FedAvg: Δ = (n₁Δ₁ + n₇Δ₇) / (n₁ + n₇), summed in double (two terms: in either order the same bits),
        // rounded to float once, then added to the float weights. Python computes its delta in double from the
        // float32 weights and rounds to float32 when it packs them; the C# cast does the same rounding.
        var mine = Assert.Single(csharp.Updates);
        var expected = new float[Initial.Length];
        for (var i = 0; i < expected.Length; i++)
        {
            var python7 = (float)((-0.5 * Initial[i]) + (0.001 * PythonId));
            var sum = (CSharpSamples * (double)mine.Values[i]) + (PythonSamples * (double)python7);
            expected[i] = Initial[i] + (float)(sum * (1.0 / (CSharpSamples + PythonSamples)));
        }

        Assert.Equal(expected, orchestrator.Weights.ToArray());

        net.Server.Transport.Stop("the test's round is over");
        var exit = await python.WaitAsync(ProcessLimit);
        Assert.True(exit == 0, $"the Python participant exited with {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing (killed)"}\n{python.Output}");
        // Read only after the exit: the server completes the round before grpcio hands the participant its ack.
        Assert.Contains("fit of 300 weights in 5 chunks, answered in 5 chunks", python.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("stop after 1 instructions", python.StandardOutput, StringComparison.Ordinal);
    }

    [PythonInteropFact]
    public async Task Next_NothingToDo_PythonGrpcioReadsEmptyStreamsThenExitsOnStop()
    {
        using var temp = new TempDirectory();
        var descriptors = await DescriptorSetAsync(temp);
        await using var net = await LoopbackFederation.StartAsync();
        using var python = StartParticipant(net.Server.Address, descriptors, "--instructions", "1", "--poll-wait-ms", "100");

        // Wait (bounded) for the evidence: three polls answered by an empty stream, which grpcio must read as
        // a successful call with no messages (grpc-status 0 in a trailers-only response).
        const string Empty = "no instruction within 100 ms; polling again";
        for (var i = 0; i < 600 && !python.HasExited && Count(python.StandardOutput, Empty) < 3; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(Count(python.StandardOutput, Empty) >= 3, $"fewer than three empty polls\n{python.Output}");
        net.Server.Transport.Stop("nothing to do");
        var exit = await python.WaitAsync(ProcessLimit);

        Assert.True(exit == 0, $"the Python participant exited with {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing (killed)"}\n{python.Output}");
        Assert.Contains("stop after 0 instructions", python.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(": nothing to do", python.StandardOutput, StringComparison.Ordinal);
    }

    [PythonInteropFact]
    public async Task Join_PythonGrpcioWithWrongToken_RefusedWithUnauthenticated()
    {
        using var temp = new TempDirectory();
        var descriptors = await DescriptorSetAsync(temp);
        await using var net = await LoopbackFederation.StartAsync(new HttpServerOptions { Tokens = new Dictionary<int, string> { [PythonId] = "seven" } });
        using var python = StartParticipant(net.Server.Address, descriptors, "--token", "not-seven", "--expect-unauthenticated");

        var exit = await python.WaitAsync(ProcessLimit);

        Assert.True(exit == 0, $"the Python participant exited with {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing (killed)"}\n{python.Output}");
        // grpcio percent-decodes grpc-message: the server's reason arrives as written.
        Assert.Contains("UNAUTHENTICATED wrong token for client 7", python.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(net.Server.Transport.AvailableClients);
    }

    private static int Count(string text, string line) => text.Split('\n').Count(l => l == line);

    private static PythonInteropProcess StartParticipant(Uri server, string descriptors, params string[] extra) =>
        PythonInteropProcess.Start(
            PythonInteropFactAttribute.Python,
            [
                Path.Combine(RepoRoot(), "tests", "FedShield.Transport.Http.Tests", "python", "grpc_participant.py"),
                "--server", server.Authority,
                "--client-id", PythonId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--descriptor-set", descriptors,
                "--samples", PythonSamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--deadline", "60",
                .. extra,
            ]);

    /// <summary>fedshield.proto as a binary FileDescriptorSet, written by the protoc of the Grpc.Tools package the build uses.</summary>
    private static async Task<string> DescriptorSetAsync(TempDirectory temp)
    {
        var output = temp.File("fedshield.desc");
        var protos = Path.Combine(RepoRoot(), "src", "FedShield.Transport.Http", "Protos");
        using var protoc = PythonInteropProcess.Start(Protoc(), ["--include_imports", $"--descriptor_set_out={output}", "-I", protos, "fedshield.proto"]);
        var exit = await protoc.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0 && File.Exists(output), $"protoc exited with {exit}\n{protoc.Output}");
        return output;
    }

    private static string Protoc()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, "grpc.tools");
        var found = Directory.Exists(tools)
            ? Directory.GetDirectories(tools)
                .Select(d => Path.Combine(d, "tools", "linux_x64", "protoc"))
                .Where(File.Exists)
                .Order(StringComparer.Ordinal)
                .LastOrDefault()
            : null;
        return found ?? throw new InvalidOperationException($"no protoc under {tools}/<version>/tools/linux_x64 (the Grpc.Tools package, restored with the build)");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FedShield.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Keeps the updates its client sends, so the test can compute the aggregate it expects.</summary>
    private sealed class RecordingClient(IFederatedClient inner) : IFederatedClient
    {
        public int Id => inner.Id;

        public List<ClientUpdate> Updates { get; } = [];

        public async ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
        {
            var reply = await inner.FitAsync(instruction, cancellationToken);
            if (reply is ClientUpdate u)
            {
                Updates.Add(u with { Values = [.. u.Values] });
            }

            return reply;
        }

        public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
            inner.EvaluateAsync(instruction, cancellationToken);
    }
}
