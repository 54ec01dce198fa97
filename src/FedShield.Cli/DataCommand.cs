using System.CommandLine;
using System.Diagnostics;
using FedShield.Data;
using FedShield.Data.Partitions;
using FedShield.Data.Sources;

namespace FedShield.Cli;

/// <summary><c>fedshield data ...</c>: the datasets FedShield knows, where they are, and how they split across clients.</summary>
internal static class DataCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = new Command("data", "Datasets: where they are found, what they hold, and how a partition splits them across clients.");
        data.Subcommands.Add(CreateList(output));
        data.Subcommands.Add(CreateShow(output, error));
        return data;
    }

    private static Command CreateList(TextWriter output)
    {
        var list = new Command("list", "List the known datasets and where each one's files are found (nothing is downloaded).");
        list.SetAction(_ =>
        {
            var locator = new DatasetLocator(DatasetLocatorOptions.FromEnvironment() with { AllowDownload = false });
            foreach (var entry in DatasetCatalog.Entries)
            {
                string where;
                if (entry.Source is null)
                {
                    where = "generated, no files needed";
                }
                else
                {
                    try
                    {
                        where = "found in " + locator.Resolve(entry.Source);
                    }
                    catch (DatasetNotFoundException)
                    {
                        where = entry.Source.Downloadable ? "not found; downloaded on first use" : "not found; see `fedshield data show " + entry.Name + "`";
                    }
                }

                output.WriteLine($"{entry.Name,-17} {where}");
                output.WriteLine($"{string.Empty,-17} {entry.Summary}");
            }

            return 0;
        });
        return list;
    }

    private static Command CreateShow(TextWriter output, TextWriter error)
    {
        var dataset = new Argument<string>("DATASET") { Description = "Dataset name: " + string.Join(", ", DatasetCatalog.Names) + "." };
        var dir = new Option<string?>("--dir") { Description = "Folder holding the dataset's files (otherwise FEDSHIELD_DATA_DIR, ~/.cache/fedshield, system locations, then a verified download)." };
        var partition = new Option<string>("--partition") { Description = "How to split the training set across clients: " + string.Join(", ", PartitionerFactory.Kinds) + ".", DefaultValueFactory = _ => "iid" };
        var clients = new Option<int>("--clients") { Description = "Number of clients.", DefaultValueFactory = _ => 10 };
        var alpha = new Option<double?>("--alpha") { Description = "Dirichlet concentration for --partition dirichlet (default 0.5; small = skewed labels)." };
        var shards = new Option<int?>("--shards-per-client") { Description = "Shards per client for --partition shards (default 2)." };
        var sigma = new Option<double?>("--sigma") { Description = "Log-normal spread of client sizes for --partition quantity (default 1)." };
        var validation = new Option<double>("--validation") { Description = "Fraction of each client's samples held out for validation, in [0, 1).", DefaultValueFactory = _ => 0.0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the partition (and of generated datasets and random splits).", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the summary and partition as JSON." };
        var svg = new Option<string?>("--svg") { Description = "Also write the partition's label heat map (clients × classes) to this SVG file." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Do not verify files against their published SHA-256." };
        var offline = new Option<bool>("--offline") { Description = "Never download; fail with the list of places searched instead." };

        var show = new Command("show", "Load a dataset, print its summary (shape, classes, counts per class) and the report of a partition across clients.")
        {
            dataset, dir, partition, clients, alpha, shards, sigma, validation, seed, json, svg, noVerify, offline,
        };
        show.SetAction(parse =>
        {
            string name = parse.GetValue(dataset)!;
            IPartitioner partitioner;
            try
            {
                DatasetCatalog.Find(name);
                string kind = parse.GetValue(partition)!;
                bool dirichlet = string.Equals(kind.Trim(), "dirichlet", StringComparison.OrdinalIgnoreCase);
                partitioner = PartitionerFactory.Create(kind, parse.GetValue(alpha) ?? (dirichlet ? 0.5 : null), parse.GetValue(shards), parse.GetValue(sigma));
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"fedshield data show: {FirstLine(e)}");
                return 2;
            }

            var options = DatasetLocatorOptions.FromEnvironment();
            if (parse.GetValue(offline))
            {
                options = options with { AllowDownload = false };
            }

            using var http = options.AllowDownload ? new HttpClient { Timeout = TimeSpan.FromMinutes(10) } : null;
            var locator = new DatasetLocator(options, http, error);
            try
            {
                error.WriteLine($"loading {name} ...");
                var clock = Stopwatch.StartNew();
                var loaded = DatasetCatalog.Load(name, locator, parse.GetValue(dir), new DatasetLoadSettings(parse.GetValue(seed), !parse.GetValue(noVerify)));
                error.WriteLine($"loaded in {clock.Elapsed.TotalSeconds:F2} s");
                var split = Partition.Create(loaded.Data.Train, partitioner, parse.GetValue(clients), parse.GetValue(seed), parse.GetValue(validation));
                var report = PartitionReport.Build(loaded.Data.Train, split);
                output.Write(parse.GetValue(json) ? DatasetSummary.ToJson(loaded, split, report) + Environment.NewLine : DatasetSummary.ToText(loaded, report));
                if (parse.GetValue(svg) is { } svgPath)
                {
                    WriteAtomically(svgPath, PartitionHeatmap.ToSvg(report, $"{loaded.Entry.Name}: {split.Description}"));
                    error.WriteLine($"heat map written to {svgPath}");
                }

                return 0;
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"fedshield data show: {FirstLine(e)}");
                return 2;
            }
            catch (Exception e) when (e is DatasetNotFoundException or DataFormatException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                error.WriteLine($"fedshield data show: {e.Message}");
                return 1;
            }
        });
        return show;
    }

    private static string FirstLine(Exception e) => e.Message.Split(Environment.NewLine)[0].Split(" (Parameter")[0];

    private static void WriteAtomically(string path, string content)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, full, overwrite: true);
    }
}
