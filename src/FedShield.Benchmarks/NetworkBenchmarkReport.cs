using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>The result of a network load test.</summary>
/// <param name="Cpu">The processor, as the OS reports it.</param>
/// <param name="Options">What was run.</param>
/// <param name="MinWorkerThreads">The thread pool's minimum worker threads during the run.</param>
/// <param name="Cases">One entry per number of clients, in order.</param>
public sealed record NetworkBenchmarkReport(string Cpu, NetworkBenchmarkOptions Options, int MinWorkerThreads, IReadOnlyList<NetworkBenchmarkCase> Cases)
{
    private const double MiB = 1024 * 1024;

    /// <summary>Whether every case ran every round with all its clients and no failure.</summary>
    public bool Ok => Cases.All(c => c.Ok);

    /// <summary>
    /// The JSON form: <c>{"cases": [...]}</c> with one record per number of clients: <c>n</c>, <c>d</c>,
    /// <c>rounds</c>, <c>join_s</c>, <c>rounds_per_s</c>, <c>round_median_s</c>, <c>round_times_s</c>,
    /// <c>wall_s</c>, <c>cpu_s_per_round</c> (the process's, all threads); per round <c>participants</c>
    /// and <c>failures</c>; <c>bytes_per_round</c>, <c>server_sent_bytes_per_round</c>,
    /// <c>server_received_bytes_per_round</c>; <c>memory</c> with <c>alone</c> and <c>after</c>
    /// (<c>heap_bytes</c>, <c>gc_heap_size_bytes</c>, <c>working_set_bytes</c>, <c>live_heap_bytes</c>),
    /// <c>peak_heap_bytes</c>, <c>live_heap_growth_bytes</c>, <c>working_set_growth_bytes</c> and
    /// <c>shared_process</c> (true: server and clients in one process); <c>load_average_before</c>,
    /// <c>load_average_after</c>; <c>server_calls</c> and <c>refused_calls</c> (during the timed rounds, from the
    /// server's <c>/metrics</c>); <c>ok</c> and <c>problems</c>; the settings (<c>poll_wait_s</c>, <c>max_calls_per_second</c>,
    /// <c>min_worker_threads</c>, <c>seed</c>) and the CPU.
    /// </summary>
    public string ToJson()
    {
        return BenchmarkJson.Cases(Cases, (w, c) =>
        {
            w.WriteNumber("n", c.N);
            w.WriteNumber("d", c.D);
            w.WriteNumber("rounds", c.Rounds);
            w.WriteNumber("join_s", Math.Round(c.JoinSeconds, 6));
            w.WriteNumber("rounds_per_s", Math.Round(c.RoundsPerSecond, 6));
            w.WriteNumber("round_median_s", Math.Round(c.MedianRoundSeconds, 6));
            w.WriteStartArray("round_times_s");
            foreach (var t in c.RoundSeconds)
            {
                w.WriteNumberValue(Math.Round(t, 6));
            }

            w.WriteEndArray();
            w.WriteNumber("wall_s", Math.Round(c.WallSeconds, 6));
            w.WriteNumber("cpu_s_per_round", Math.Round(c.CpuSecondsPerRound, 6));
            WriteInts(w, "participants", c.Participants);
            WriteInts(w, "failures", c.Failures);
            w.WriteNumber("bytes_per_round", Math.Round(c.BytesPerRound, 1));
            w.WriteNumber("server_sent_bytes_per_round", Math.Round(c.SentBytesPerRound, 1));
            w.WriteNumber("server_received_bytes_per_round", Math.Round(c.ReceivedBytesPerRound, 1));
            w.WriteStartObject("memory");
            w.WriteBoolean("shared_process", true);
            WriteSnapshot(w, "alone", c.Alone);
            WriteSnapshot(w, "after", c.After);
            w.WriteNumber("peak_heap_bytes", c.PeakHeapBytes);
            w.WriteNumber("live_heap_growth_bytes", c.LiveHeapGrowthBytes);
            w.WriteNumber("working_set_growth_bytes", c.WorkingSetGrowthBytes);
            w.WriteEndObject();
            WriteNumber(w, "load_average_before", c.LoadAverageBefore);
            WriteNumber(w, "load_average_after", c.LoadAverageAfter);
            w.WriteBoolean("ok", c.Ok);
            w.WriteStartArray("problems");
            foreach (var p in c.Problems)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteNumber("server_calls", c.ServerCalls);
            w.WriteNumber("refused_calls", c.RefusedCalls);
            w.WriteNumber("poll_wait_s", Options.PollWait.TotalSeconds);
            w.WriteNumber("max_calls_per_second", Options.MaxCallsPerSecond);
            w.WriteNumber("min_worker_threads", MinWorkerThreads);
            w.WriteNumber("seed", Options.Seed);
            w.WriteString("cpu", Cpu);
        });
    }

    /// <summary>A human-readable report: the round rate and traffic per number of clients, then the memory.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("Network load test: one FedShield server, N concurrent clients, tiny model, loopback");
        sb.AppendLine(ci, $"CPU: {Cpu}");
        sb.AppendLine(ci, $"Setup: HttpFederationServer (Kestrel, cleartext HTTP/2, gRPC wire format) on 127.0.0.1 and N RemoteClient links in the same process, each with its own HttpClient (one HTTP/2 connection per client), long polls of {Options.PollWait.TotalSeconds:0.###} s; every client answers a fixed delta of d = {Options.Dimension:N0} floats at once; Orchestrator + FedAvg, every client selected; {Options.Rounds} timed round(s) back to back after 1 warm-up round. Thread pool minimum: {MinWorkerThreads} worker threads ({(Options.MinThreads > 0 ? "raised for this run" : "the runtime's default")}). Server rate limit: {Options.MaxCallsPerSecond:N0} calls per second per client (FedShield's default, 50, would throttle clients that train in no time beyond 25 rounds/s).");
        sb.AppendLine("rounds/s = timed rounds / their wall time. Server and clients share the process and its cores: the clients' work is in every time and CPU figure.");
        sb.AppendLine();
        sb.AppendLine(ci, $"{"N",5} {"d",7} {"join s",7} {"rounds",6} {"rounds/s",9} {"median ms",10} {"cpu s/rnd",10} {"down KiB/rnd",13} {"up KiB/rnd",11} {"bytes/(8dN)",12} {"failures",9} {"calls/rnd",10} {"refused",8} {"load",11}");
        foreach (var c in Cases)
        {
            var perUpdate = c.BytesPerRound / (8.0 * c.D * c.N);
            sb.AppendLine(ci, $"{c.N,5} {c.D,7} {c.JoinSeconds,7:F2} {c.Rounds,6} {c.RoundsPerSecond,9:F2} {c.MedianRoundSeconds * 1e3,10:F1} {c.CpuSecondsPerRound,10:F3} {c.SentBytesPerRound / 1024,13:F1} {c.ReceivedBytesPerRound / 1024,11:F1} {perUpdate,12:F3} {c.Failures.Sum(),9} {c.ServerCalls / (double)c.Rounds,10:F1} {c.RefusedCalls,8} {$"{c.LoadAverageBefore:F2}->{c.LoadAverageAfter:F2}",11}");
        }

        sb.AppendLine("  down = the server's fit instructions (global weights), up = the updates; bytes/(8dN): both ways over N x 2 x 4d (framing and headers make it exceed 1). calls/rnd: gRPC calls the server received per round; refused: calls it refused in the timed rounds (clients retry after a back-off). load: the 1-minute load average before -> after; other processes may be using the cores.");
        sb.AppendLine();
        sb.AppendLine("Memory of the whole process (server + all N clients + their HTTP stacks), MiB. alone: the server started, no client joined, after a full collection.");
        sb.AppendLine("after: with the N clients joined, after the timed rounds: heap = GC.GetTotalMemory(false), gc heap = GCMemoryInfo.HeapSizeBytes at the last collection, live = heap after a full collection, WS = Environment.WorkingSet; peak heap: sampled every 10 ms during the timed rounds.");
        sb.AppendLine("The growth over the server alone (+live, +WS) holds the server's share of N sessions together with the N clients' own; it bounds the server's share from above.");
        sb.AppendLine("Each N has a fresh server, but in the same process as the N before it: the runtime keeps memory it has taken, so only the first row's \"alone\" is a fresh process's.");
        sb.AppendLine(ci, $"{"N",5}   {"alone live",10} {"alone WS",9}   {"heap",7} {"gc heap",8} {"live",7} {"peak heap",10} {"WS",7}   {"+live",7} {"+WS",7} {"+live/N KiB",12}");
        foreach (var c in Cases)
        {
            sb.AppendLine(ci, $"{c.N,5}   {c.Alone.LiveHeapBytes / MiB,10:F1} {c.Alone.WorkingSetBytes / MiB,9:F1}   {c.After.HeapBytes / MiB,7:F1} {c.After.GcHeapSizeBytes / MiB,8:F1} {c.After.LiveHeapBytes / MiB,7:F1} {c.PeakHeapBytes / MiB,10:F1} {c.After.WorkingSetBytes / MiB,7:F1}   {c.LiveHeapGrowthBytes / MiB,7:F1} {c.WorkingSetGrowthBytes / MiB,7:F1} {c.LiveHeapGrowthBytes / 1024.0 / c.N,12:F1}");
        }

        sb.AppendLine();
        if (Ok)
        {
            sb.AppendLine("Every round had all N clients as participants and no failures.");
        }
        else
        {
            foreach (var c in Cases)
            {
                foreach (var p in c.Problems)
                {
                    sb.AppendLine(ci, $"FAILURE (N = {c.N}): {p}");
                }
            }
        }

        return sb.ToString();
    }

    private static void WriteSnapshot(Utf8JsonWriter w, string name, NetworkMemorySnapshot s)
    {
        w.WriteStartObject(name);
        w.WriteNumber("heap_bytes", s.HeapBytes);
        w.WriteNumber("gc_heap_size_bytes", s.GcHeapSizeBytes);
        w.WriteNumber("working_set_bytes", s.WorkingSetBytes);
        w.WriteNumber("live_heap_bytes", s.LiveHeapBytes);
        w.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter w, string name, IReadOnlyList<int> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, 2));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
