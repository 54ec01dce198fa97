using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FedShield.Federation.Messages;

namespace FedShield.Experiments.Output;

/// <summary>
/// The headline facts of one run, stored as <c>summary.json</c> with snake_case names: identity, settings, result
/// (<see cref="Final"/> and <see cref="Best"/>), traffic and timing. The runner writes it at the start (status
/// running) and rewrites it when the run ends; <see cref="WithResults"/> fills the results from the round rows.
/// </summary>
public sealed record RunSummary
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The run's name (from the config).</summary>
    public required string Name { get; init; }

    /// <summary>A unique identifier of this run.</summary>
    public required string RunId { get; init; }

    /// <summary>Where the run stands.</summary>
    public RunStatus Status { get; init; } = RunStatus.Running;

    /// <summary>Rounds finished (the last round number written).</summary>
    public int Rounds { get; init; }

    /// <summary>Rounds planned.</summary>
    public int RoundsTotal { get; init; }

    /// <summary>The last evaluation, or null when none happened.</summary>
    public FinalResult? Final { get; init; }

    /// <summary>The best evaluation by accuracy, or null when none happened.</summary>
    public BestResult? Best { get; init; }

    /// <summary>The run's root seed.</summary>
    public long Seed { get; init; }

    /// <summary>Hash of the resolved configuration (hex), equal for runs of equal settings.</summary>
    public string ConfigHash { get; init; } = "";

    /// <summary>Dataset name.</summary>
    public string Dataset { get; init; } = "";

    /// <summary>Model name.</summary>
    public string Model { get; init; } = "";

    /// <summary>Strategy name (sampler, aggregator, server optimiser as the config names it).</summary>
    public string Strategy { get; init; } = "";

    /// <summary>Number of model parameters (floats in the update vector).</summary>
    public long Parameters { get; init; }

    /// <summary>Bytes moved over the whole run: sent = server to clients, received = clients to server.</summary>
    public Traffic Traffic { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset StartedUtc { get; init; }

    /// <summary>When the run ended (UTC), or null while running.</summary>
    public DateTimeOffset? FinishedUtc { get; init; }

    /// <summary>Seconds the run took (excluding time while stopped, for a resumed run).</summary>
    [JsonPropertyName("duration_s")]
    public double DurationSeconds { get; init; }

    /// <summary>Free remarks: warnings, why the run stopped, resumptions.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>This summary with <see cref="Rounds"/>, <see cref="Final"/>, <see cref="Best"/> and <see cref="Traffic"/> taken from <paramref name="results"/>.</summary>
    public RunSummary WithResults(RunResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return this with { Rounds = results.LastRound, Final = results.Final, Best = results.Best, Traffic = results.Traffic };
    }

    /// <summary>The summary as indented JSON text (LF line ends).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Parses <see cref="ToJson"/> output.</summary>
    /// <exception cref="JsonException">The text is not a summary (malformed, or <c>name</c>/<c>run_id</c> missing).</exception>
    public static RunSummary FromJson(string json) =>
        JsonSerializer.Deserialize<RunSummary>(json, JsonOptions) ?? throw new JsonException("Expected a JSON object for the run summary but found null.");

    /// <summary>Writes the summary to <paramref name="path"/> through a temporary file and a rename.</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.WriteAllText(path, ToJson());
    }

    /// <summary>Reads a summary written by <see cref="Write"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid summary; the message names it and says why.</exception>
    public static RunSummary Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text = File.ReadAllText(path);
        try
        {
            return FromJson(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid run summary: {e.Message}", e);
        }
    }
}
