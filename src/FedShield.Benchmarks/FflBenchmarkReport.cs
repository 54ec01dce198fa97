using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>The result of an FFL runtime run, beside Table V of the FFL paper.</summary>
/// <param name="Cpu">The processor, as the OS reports it.</param>
/// <param name="Options">What was run.</param>
/// <param name="Cases">One entry per model and number of updates, models in order, then numbers in order.</param>
public sealed record FflBenchmarkReport(string Cpu, FflBenchmarkOptions Options, IReadOnlyList<FflBenchmarkCase> Cases)
{
    /// <summary>
    /// The JSON form: <c>{"cases": [...]}</c> with one record per (model, n): <c>model</c>, <c>d</c>,
    /// <c>last_layer</c>, <c>layers</c>, <c>n</c>, <c>participants</c>; medians in seconds
    /// <c>decrypt_s</c>, <c>aggregate_s</c>, <c>mix_s</c>, <c>exchange_s</c>, <c>round_s</c>,
    /// <c>fedavg_aggregate_s</c>, each with its timed rounds in <c>*_times_s</c>;
    /// <c>cpu_s_per_round</c>; <c>participant_sent_bytes</c>, <c>participant_received_bytes</c>,
    /// <c>update_bytes</c> (4·d), <c>sent_per_update</c>, <c>received_per_update</c>; <c>paper</c>
    /// (Table V's <c>fedavg_aggregate_s</c>, <c>decrypt_s</c>, <c>aggregate_s</c>, <c>mix_s</c>, or null)
    /// and ours over the paper's (<c>fedavg_ratio</c>, <c>decrypt_ratio</c>, <c>aggregate_ratio</c>,
    /// <c>mix_ratio</c>); <c>load_average</c>, <c>repeat</c>, <c>workers</c>, <c>cpu</c> and <c>paper_hardware</c>.
    /// </summary>
    public string ToJson()
    {
        return BenchmarkJson.Cases(Cases, (w, c) =>
        {
            w.WriteString("model", c.Model);
            w.WriteNumber("d", c.D);
            w.WriteNumber("last_layer", c.LastLayerSize);
            w.WriteNumber("layers", c.Layers);
            w.WriteNumber("n", c.N);
            w.WriteNumber("participants", c.Participants);
            WriteSeconds(w, "decrypt_s", c.Decrypt, c.DecryptSeconds);
            WriteSeconds(w, "aggregate_s", c.Aggregate, c.AggregateSeconds);
            WriteSeconds(w, "mix_s", c.Mix, c.MixSeconds);
            WriteSeconds(w, "exchange_s", c.Exchange, c.ExchangeSeconds);
            WriteSeconds(w, "round_s", c.Round, c.RoundSeconds);
            WriteSeconds(w, "fedavg_aggregate_s", c.FedAvg, c.FedAvgSeconds);
            WriteNumber(w, "cpu_s_per_round", c.CpuSecondsPerRound, 6);
            w.WriteNumber("participant_sent_bytes", Math.Round(c.ParticipantSentBytes, 1));
            w.WriteNumber("participant_received_bytes", Math.Round(c.ParticipantReceivedBytes, 1));
            w.WriteNumber("update_bytes", c.UpdateBytes);
            w.WriteNumber("sent_per_update", Math.Round(c.SentPerUpdate, 5));
            w.WriteNumber("received_per_update", Math.Round(c.ReceivedPerUpdate, 5));
            if (c.Paper is { } p)
            {
                w.WriteStartObject("paper");
                w.WriteNumber("fedavg_aggregate_s", p.FedAvgAggregate);
                w.WriteNumber("decrypt_s", p.Decrypt);
                w.WriteNumber("aggregate_s", p.Aggregate);
                w.WriteNumber("mix_s", p.Mix);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("paper");
            }

            WriteNumber(w, "fedavg_ratio", c.FedAvgRatio, 4);
            WriteNumber(w, "decrypt_ratio", c.DecryptRatio, 4);
            WriteNumber(w, "aggregate_ratio", c.AggregateRatio, 4);
            WriteNumber(w, "mix_ratio", c.MixRatio, 4);
            WriteNumber(w, "load_average", c.LoadAverage, 2);
            w.WriteNumber("repeat", Options.Repeat);
            w.WriteNumber("workers", Options.Workers);
            w.WriteString("cpu", Cpu);
            w.WriteString("paper_hardware", FflPaperFigures.Hardware);
        });
    }

    /// <summary>A human-readable report: Table V's columns beside the paper's, then the round and its traffic.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("FFL runtime for one training round, beside Table V of the FFL paper (seeds/003, section VIII-D)");
        sb.AppendLine(ci, $"Ours:  CPU {Cpu}; real FFL rounds: n FflClients whose training takes no time, in-process transport ({Options.Workers} worker(s)), FflProtocol with reputation on (C = 1, alpha = {Options.Alpha}, a mask per tensor, cosine similarity on the output layer), one RSA-3072 server key; median of {Options.Repeat} timed round(s) after 1 warm-up; wall-clock seconds on a machine shared with other work (load average below).");
        sb.AppendLine(ci, $"Paper: CPU seconds; its machine: {FflPaperFigures.Hardware}.");
        sb.AppendLine("S = server, P = participant (mean over participants); x = ours / paper. FedAvg Aggr.: one weighted mean of the n updates (ours: mean of " + Options.FedAvgCalls.ToString(ci) + " calls).");
        sb.AppendLine();
        sb.AppendLine(ci, $"{"",-10} {"",7} {"",4}   {"FedAvg (FL) Aggr. S",-27}   {"FFL Dec. S",-22}   {"FFL Aggr. S",-22}   {"FFL Mix. P",-22}");
        sb.AppendLine(ci, $"{"model",-10} {"d",7} {"n",4}   {"ours",9} {"paper",7} {"x",9}   {"ours",7} {"paper",6} {"x",7}   {"ours",7} {"paper",6} {"x",7}   {"ours",7} {"paper",6} {"x",7}");
        foreach (var c in Cases)
        {
            var p = c.Paper;
            sb.AppendLine(ci, $"{c.Model,-10} {c.D,7} {c.N,4}   {c.FedAvg,9:F6} {Paper(p?.FedAvgAggregate),7} {c.FedAvgRatio,9:F4}   {c.Decrypt,7:F4} {Paper(p?.Decrypt),6} {c.DecryptRatio,7:F2}   {c.Aggregate,7:F4} {Paper(p?.Aggregate),6} {c.AggregateRatio,7:F2}   {c.Mix,7:F4} {Paper(p?.Mix),6} {c.MixRatio,7:F2}");
        }

        sb.AppendLine();
        sb.AppendLine("The round and a participant's traffic per round (up = sent, down = received; 4d = one float32 update; the paper's Appendix B-B counts 3D up + 3D down, D = 4d):");
        sb.AppendLine(ci, $"{"model",-10} {"d",7} {"last",5} {"L",3} {"n",4} {"mixed",6} {"round s",8} {"exch. s",8} {"cpu s",7} {"up bytes",10} {"up/4d",7} {"down bytes",11} {"down/4d",8} {"load",5}");
        foreach (var c in Cases)
        {
            sb.AppendLine(ci, $"{c.Model,-10} {c.D,7} {c.LastLayerSize,5} {c.Layers,3} {c.N,4} {c.Participants,6:F1} {c.Round,8:F3} {c.Exchange,8:F3} {c.CpuSecondsPerRound,7:F3} {c.ParticipantSentBytes,10:F0} {c.SentPerUpdate,7:F3} {c.ParticipantReceivedBytes,11:F0} {c.ReceivedPerUpdate,8:F3} {c.LoadAverage,5:F1}");
        }

        sb.AppendLine("  FedShield's wire format (FflWire, 32-byte headers): up = 12d + 1240 + 16a bytes (a: partners the participant accepts, at most n - 1),");
        sb.AppendLine("  down = 12d + 869 + 16n + K + 4L bytes (K = 422, the server key's DER; L: tensors); each includes the global model (down) and the mixed upload (up).");
        return sb.ToString();
    }

    private static string Paper(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static void WriteSeconds(Utf8JsonWriter w, string name, double median, IReadOnlyList<double> times)
    {
        WriteNumber(w, name, median, 9);
        w.WriteStartArray(name[..^"_s".Length] + "_times_s");
        foreach (var t in times)
        {
            w.WriteNumberValue(Math.Round(t, 9));
        }

        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value, int digits)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, digits));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
