using System.Globalization;
using System.Text;
using System.Text.Json;
using FedShield.Data.Partitions;

namespace FedShield.Data;

/// <summary>
/// What <c>fedshield data show</c> prints: a loaded dataset's shape and class counts and, optionally, the
/// report of a partition of its training split, as text or as JSON.
/// </summary>
public static class DatasetSummary
{
    /// <summary>
    /// The summary as JSON: <c>{"dataset", "location", "features", "sample_shape", "classes", "train": {"count",
    /// "per_class"}, "test": {...}, "partition": {"kind", "description", "seed", "clients": [{"client", "count",
    /// "per_class", "validation", "validation_per_class"}], "summary": {...}}}</c>. A client's <c>count</c> is its
    /// training samples (the sum of <c>per_class</c>); its validation samples are counted apart.
    /// </summary>
    public static string ToJson(LoadedDataset loaded, Partition? partition = null, PartitionReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var train = loaded.Data.Train;
            w.WriteStartObject();
            w.WriteString("dataset", loaded.Entry.Name);
            w.WriteString("location", loaded.Location);
            w.WriteNumber("features", train.SampleSize);
            WriteInts(w, "sample_shape", train.SampleShape);
            w.WriteStartArray("classes");
            foreach (var name in train.ClassNames)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            WriteSplit(w, "train", train);
            WriteSplit(w, "test", loaded.Data.Test);
            if (partition is not null && report is not null)
            {
                w.WriteStartObject("partition");
                w.WriteString("description", partition.Description);
                w.WriteNumber("seed", partition.Seed);
                w.WriteNumber("validation_fraction", partition.ValidationFraction);
                w.WriteStartArray("clients");
                for (int c = 0; c < partition.ClientCount; c++)
                {
                    w.WriteStartObject();
                    w.WriteNumber("client", c);
                    w.WriteNumber("count", report.TrainCounts[c]);
                    WriteInts(w, "per_class", report.PerClass[c]);
                    w.WriteNumber("validation", report.ValidationCounts[c]);
                    WriteInts(w, "validation_per_class", report.ValidationPerClass[c]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartObject("summary");
                w.WriteNumber("min_samples", report.MinSamples);
                w.WriteNumber("mean_samples", report.MeanSamples);
                w.WriteNumber("max_samples", report.MaxSamples);
                w.WriteNumber("mean_classes_per_client", report.MeanClassesPerClient);
                w.WriteNumber("mean_total_variation", report.MeanTotalVariation);
                w.WriteNumber("mean_largest_class_share", report.MeanLargestClassShare);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The summary as aligned text, followed by the partition table when a partition is given.</summary>
    public static string ToText(LoadedDataset loaded, PartitionReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var train = loaded.Data.Train;
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{loaded.Entry.Name}: {loaded.Entry.Summary}");
        text.AppendLine(inv, $"  location      {loaded.Location}");
        text.AppendLine(inv, $"  sample shape  ({string.Join(", ", train.SampleShape.ToArray())}) = {train.SampleSize:N0} features");
        text.AppendLine(inv, $"  classes       {train.ClassCount}: {string.Join(", ", train.ClassNames)}");
        AppendSplit(text, "train", train);
        AppendSplit(text, "test", loaded.Data.Test);
        if (report is not null)
        {
            text.AppendLine();
            text.Append("partition: ").Append(report.ToTable());
        }

        return text.ToString().TrimEnd() + Environment.NewLine;
    }

    private static void AppendSplit(StringBuilder text, string label, Dataset split)
    {
        var counts = split.ClassCounts();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"  {label,-5}         {split.Count:N0} samples; per class: {string.Join(", ", counts.Select(c => c.ToString("N0", inv)))}");
    }

    private static void WriteSplit(Utf8JsonWriter w, string name, Dataset split)
    {
        w.WriteStartObject(name);
        w.WriteNumber("count", split.Count);
        WriteInts(w, "per_class", split.ClassCounts());
        w.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter w, string name, ReadOnlySpan<int> values)
    {
        w.WriteStartArray(name);
        foreach (int v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
