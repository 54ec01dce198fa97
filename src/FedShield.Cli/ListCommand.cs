using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FedShield.Experiments;
using FedShield.Experiments.Registry;

namespace FedShield.Cli;

/// <summary><c>fedshield list</c>: the runs recorded in the run registry.</summary>
internal static class ListCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var registry = RunCommand.RegistryOption();
        var status = new Option<string?>("--status") { Description = "Only runs with this status: running, completed, interrupted, failed." };
        var name = new Option<string?>("--name") { Description = "Only runs of this experiment name." };
        var json = new Option<bool>("--json") { Description = "One JSON object per run." };
        var list = new Command("list", "List the runs in the run registry: status, progress, final metrics, config hash and directory.") { registry, status, name, json };
        list.SetAction(parse =>
        {
            RunStatus? wanted = null;
            if (parse.GetValue(status) is { } s)
            {
                if (!Enum.TryParse<RunStatus>(s, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    error.WriteLine($"fedshield list: unknown status '{s}'; expected running, completed, interrupted or failed");
                    return ExitCodes.Usage;
                }

                wanted = parsed;
            }

            var path = parse.GetValue(registry) ?? RunRegistry.DefaultPath(Environment.GetEnvironmentVariable);
            if (!File.Exists(path))
            {
                output.WriteLine($"no runs yet (registry {path} does not exist)");
                return ExitCodes.Ok;
            }

            IReadOnlyList<RunEntry> runs;
            try
            {
                runs = new RunRegistry(path).List(new RunFilter(wanted, parse.GetValue(name)));
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
            {
                error.WriteLine($"fedshield list: cannot read the registry {path}: {ex.Message}");
                return ExitCodes.Failure;
            }

            if (parse.GetValue(json))
            {
                foreach (var r in runs)
                {
                    output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["id"] = r.Id, ["name"] = r.Name, ["status"] = r.Status.ToString().ToLowerInvariant(), ["rounds_done"] = r.RoundsDone,
                        ["rounds_total"] = r.RoundsTotal, ["final_accuracy"] = r.FinalAccuracy, ["final_loss"] = r.FinalLoss, ["config_hash"] = r.ConfigHash,
                        ["dataset"] = r.Dataset, ["model"] = r.Model, ["strategy"] = r.Strategy, ["seed"] = r.Seed, ["started_utc"] = r.StartedUtc, ["directory"] = r.Directory,
                    }));
                }

                return ExitCodes.Ok;
            }

            if (runs.Count == 0)
            {
                output.WriteLine("no runs match");
                return ExitCodes.Ok;
            }

            string[] header = ["id", "status", "rounds", "accuracy", "loss", "dataset", "model", "strategy", "config", "started (UTC)"];
            var rows = runs.Select(r => new[]
            {
                r.Id, r.Status.ToString().ToLowerInvariant(), $"{r.RoundsDone}/{r.RoundsTotal}",
                r.FinalAccuracy is double a ? string.Create(CultureInfo.InvariantCulture, $"{a * 100:0.00}%") : "-",
                r.FinalLoss is double l ? l.ToString("0.0000", CultureInfo.InvariantCulture) : "-",
                r.Dataset, r.Model, r.Strategy, r.ConfigHash[..Math.Min(12, r.ConfigHash.Length)],
                r.StartedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            }).ToList();
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(row => row[i].Length))).ToArray();
            output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
            foreach (var row in rows)
            {
                output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            }

            output.WriteLine($"{runs.Count} run(s) in {path}");
            return ExitCodes.Ok;
        });
        return list;
    }
}
