using System.Net;
using System.Net.Sockets;

namespace FedShield.Cli.Tests;

public class NetworkCommandTests
{
    private const string Experiment = """
        name: net
        seed: 2
        rounds: 3
        data:
          dataset: gaussian-mixture
        model: mlp(hidden=[16])
        clients:
          count: 3
          per_round: 3
        training:
          epochs: 1
          batch_size: 32
          lr: 0.05
        checkpoint:
          every: 0
        """;

    private static string Write(TempDirectory dir, string name, string text)
    {
        var path = dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    // A port that was free a moment ago (the server needs a fixed address its clients can be told).
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task ServerAndClients_AsSeparateCommands_CompleteTheRunWithTheSimulationsModel()
    {
        using var dir = new TempDirectory();
        var file = Write(dir, "net.yaml", Experiment);
        var tokens = Write(dir, "tokens.txt", "# registry\n0 zero\n1 one\n2 two\n");
        var url = $"http://127.0.0.1:{FreePort()}";

        var server = Task.Run(() => CliRun.Run("server", file, "--listen", url, "--tokens", tokens, "--out", dir.File("net"), "--no-registry", "--wait-seconds", "60"));
        var clients = new[] { "zero", "one", "two" }.Select((token, id) => Task.Run(() => CliRun.Run("client", "--server", url, "--config", file, "--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--token", token))).ToArray();
        var (code, output, error) = await server.WaitAsync(TimeSpan.FromMinutes(2));
        var finished = await Task.WhenAll(clients).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(code == 0, error);
        Assert.Contains("completed 3 rounds", output, StringComparison.Ordinal);
        Assert.All(finished, c => Assert.True(c.Code == 0, c.Err));
        Assert.All(finished, c => Assert.Contains("the federation is over; answered", c.Out, StringComparison.Ordinal));

        var simulated = CliRun.Run("run", file, "--out", dir.File("sim"), "--no-registry");
        Assert.True(simulated.Code == 0, simulated.Err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("sim"), "model.safetensors")), File.ReadAllBytes(Path.Combine(dir.File("net"), "model.safetensors")));
    }

    [Fact]
    public async Task Client_WrongToken_ExitsOneWithTheServersReason()
    {
        using var dir = new TempDirectory();
        var file = Write(dir, "net.yaml", Experiment);
        var tokens = Write(dir, "tokens.txt", "0 zero\n");
        var url = $"http://127.0.0.1:{FreePort()}";
        var server = Task.Run(() => CliRun.Run("server", file, "--listen", url, "--tokens", tokens, "--out", dir.File("net"), "--no-registry", "--wait-seconds", "8"));

        var (code, _, error) = CliRun.Run("client", "--server", url, "--config", file, "--id", "0", "--token", "wrong");

        Assert.Equal(1, code);
        Assert.Contains("Unauthenticated", error, StringComparison.Ordinal);
        Assert.Contains("wrong token for client 0", error, StringComparison.Ordinal);
        Assert.Equal(1, (await server.WaitAsync(TimeSpan.FromSeconds(30))).Code);
    }

    [Theory]
    [InlineData("0 zero\n0 again\n", "client 0 is listed twice")]
    [InlineData("zero 0\n", "expected 'ID TOKEN'")]
    public void Server_BadRegistry_ExitsTwoNamingTheLine(string registry, string expected)
    {
        using var dir = new TempDirectory();
        var file = Write(dir, "net.yaml", Experiment);
        var tokens = Write(dir, "tokens.txt", registry);

        var (code, _, error) = CliRun.Run("server", file, "--tokens", tokens, "--no-registry");

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("tokens.txt:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientProcess_KilledMidRun_TheServerFinishesAndReportsIt()
    {
        using var dir = new TempDirectory();
        // Rounds long enough (200 local epochs: a few hundred ms) that the kill lands well before the last one.
        var file = Write(dir, "net.yaml", Experiment.Replace("rounds: 3", "rounds: 6", StringComparison.Ordinal).Replace("epochs: 1", "epochs: 200", StringComparison.Ordinal));
        var url = $"http://127.0.0.1:{FreePort()}";
        var server = Task.Run(() => CliRun.Run("server", file, "--listen", url, "--out", dir.File("net"), "--no-registry", "--wait-seconds", "60",
            "--set", "clients.min_replies=2", "--set", "clients.timeout_s=3"));

        // Real client processes: the same fedshield binary, one process per client.
        var dll = Path.Combine(AppContext.BaseDirectory, "fedshield.dll");
        var processes = Enumerable.Range(0, 3).Select(id => System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "client", "--server", url, "--config", file, "--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!).ToArray();
        try
        {
            // Kill client 2 once the federation is in its second round.
            using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    var health = await http.GetStringAsync(new Uri(new Uri(url), "/health"));
                    if (System.Text.Json.JsonDocument.Parse(health).RootElement.GetProperty("round").GetInt32() >= 2)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // The server is not listening yet.
                }

                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the federation never reached round 2");
                await Task.Delay(10);
            }

            processes[2].Kill(entireProcessTree: true);
            var (code, output, error) = await server.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(code == 0, error);
            Assert.Contains("completed 6 rounds", output, StringComparison.Ordinal);
            var rows = File.ReadAllLines(Path.Combine(dir.File("net"), "metrics.csv"));
            // From the kill on, client 2 is selected but never answers: a failure (its timeout) in the later rounds.
            var failed = rows[0].Split(',').ToList().IndexOf("clients_failed");
            Assert.Equal("1", rows[^1].Split(',')[failed]);
            foreach (var p in processes.Take(2))
            {
                Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)), "a surviving client did not exit after the federation ended");
                Assert.Equal(0, p.ExitCode);
            }
        }
        finally
        {
            foreach (var p in processes)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }

                p.Dispose();
            }
        }
    }
}
