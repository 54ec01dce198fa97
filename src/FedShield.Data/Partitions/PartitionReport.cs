using System.Globalization;
using System.Text;

namespace FedShield.Data.Partitions;

/// <summary>
/// Per-client counts of a <see cref="Partition"/> and summary statistics of its skew, as numbers and as an
/// aligned plain-text table (see <see cref="PartitionHeatmap"/> for a picture).
/// </summary>
/// <remarks>
/// Label statistics describe what clients train on (their training samples); sizes count all of a client's
/// samples. The skew measure is the mean, over clients, of the total-variation distance
/// TV(c) = ½ Σₖ |p_c(k) − q(k)| between client c's training label distribution p_c and the label distribution q
/// of the whole dataset: 0 when every client looks like the whole, approaching 1 when clients hold classes
/// that are rare overall. Clients are weighted equally, whatever their size.
/// </remarks>
public sealed class PartitionReport
{
    private PartitionReport(string[] classNames, int[][] perClass, int[][] validationPerClass, double[] globalShare, string description)
    {
        ClassNames = classNames;
        PerClass = perClass;
        ValidationPerClass = validationPerClass;
        Description = description;
        int clients = perClass.Length;
        TrainCounts = new int[clients];
        ValidationCounts = new int[clients];
        ClientCounts = new int[clients];
        double classesSum = 0;
        double tvSum = 0;
        double topSum = 0;
        for (int c = 0; c < clients; c++)
        {
            TrainCounts[c] = perClass[c].Sum();
            ValidationCounts[c] = validationPerClass[c].Sum();
            ClientCounts[c] = TrainCounts[c] + ValidationCounts[c];
            double tv = 0;
            int present = 0;
            int top = 0;
            for (int k = 0; k < classNames.Length; k++)
            {
                int n = perClass[c][k];
                present += n > 0 ? 1 : 0;
                top = Math.Max(top, n);
                tv += Math.Abs(((double)n / TrainCounts[c]) - globalShare[k]);
            }

            classesSum += present;
            tvSum += tv / 2;
            topSum += (double)top / TrainCounts[c];
        }

        MinSamples = ClientCounts.Min();
        MaxSamples = ClientCounts.Max();
        MeanSamples = ClientCounts.Average();
        MeanClassesPerClient = classesSum / clients;
        MeanTotalVariation = tvSum / clients;
        MeanLargestClassShare = topSum / clients;
    }

    /// <summary>The partition's description (<see cref="Partition.Description"/>).</summary>
    public string Description { get; }

    /// <summary>Class names; column k of <see cref="PerClass"/> is class <c>ClassNames[k]</c>.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>All samples of each client (training plus validation).</summary>
    public int[] ClientCounts { get; }

    /// <summary>Training samples of each client.</summary>
    public int[] TrainCounts { get; }

    /// <summary>Validation samples of each client.</summary>
    public int[] ValidationCounts { get; }

    /// <summary>Training samples per client and class: <c>PerClass[client][class]</c>.</summary>
    public int[][] PerClass { get; }

    /// <summary>Validation samples per client and class: <c>ValidationPerClass[client][class]</c>.</summary>
    public int[][] ValidationPerClass { get; }

    /// <summary>Fewest samples (training plus validation) of any client.</summary>
    public int MinSamples { get; }

    /// <summary>Mean samples (training plus validation) per client.</summary>
    public double MeanSamples { get; }

    /// <summary>Most samples (training plus validation) of any client.</summary>
    public int MaxSamples { get; }

    /// <summary>Mean number of classes with at least one training sample, per client.</summary>
    public double MeanClassesPerClient { get; }

    /// <summary>Mean total-variation distance between a client's training label distribution and the dataset's, in [0, 1].</summary>
    public double MeanTotalVariation { get; }

    /// <summary>Mean share of a client's training samples that belong to its largest class, in (0, 1]; 1/classes for balanced IID data.</summary>
    public double MeanLargestClassShare { get; }

    /// <summary>Counts the samples of <paramref name="dataset"/> in <paramref name="partition"/>.</summary>
    public static PartitionReport Build(Dataset dataset, Partition partition)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Build(dataset.Labels.Span, dataset.ClassNames, partition);
    }

    /// <summary>Counts the samples with <paramref name="labels"/> in <paramref name="partition"/>.</summary>
    /// <exception cref="ArgumentException">The labels or class names do not match the partition (different sample or class count, label out of range).</exception>
    public static PartitionReport Build(ReadOnlySpan<int> labels, IReadOnlyList<string> classNames, Partition partition)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(partition);
        if (labels.Length != partition.SampleCount)
        {
            throw new ArgumentException($"Partition report: {labels.Length} labels for a partition of {partition.SampleCount} samples.", nameof(labels));
        }

        if (classNames.Count != partition.ClassCount)
        {
            throw new ArgumentException($"Partition report: {classNames.Count} class names for a partition of {partition.ClassCount} classes.", nameof(classNames));
        }

        int classes = classNames.Count;
        var global = new double[classes];
        foreach (int label in labels)
        {
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentException($"Partition report: label {label} is outside [0, {classes}).", nameof(labels));
            }

            global[label]++;
        }

        for (int k = 0; k < classes; k++)
        {
            global[k] /= labels.Length;
        }

        var perClass = new int[partition.ClientCount][];
        var validationPerClass = new int[partition.ClientCount][];
        for (int c = 0; c < partition.ClientCount; c++)
        {
            perClass[c] = Dataset.CountClasses(Gather(labels, partition[c].Train.Span), classes);
            validationPerClass[c] = Dataset.CountClasses(Gather(labels, partition[c].Validation.Span), classes);
        }

        return new PartitionReport([.. classNames], perClass, validationPerClass, global, partition.Description);
    }

    /// <summary>
    /// An aligned plain-text table, one row per client (client, train, validation, training count per class),
    /// then a total row and the summary statistics. Columns are as narrow as their widest entry.
    /// </summary>
    public string ToTable()
    {
        var headers = new List<string> { "client", "train", "valid" };
        headers.AddRange(ClassNames);
        var rows = new List<string[]>();
        for (int c = 0; c < PerClass.Length; c++)
        {
            rows.Add(Row(Text(c), TrainCounts[c], ValidationCounts[c], PerClass[c]));
        }

        var totals = new int[ClassNames.Count];
        foreach (var counts in PerClass)
        {
            for (int k = 0; k < totals.Length; k++)
            {
                totals[k] += counts[k];
            }
        }

        rows.Add(Row("total", TrainCounts.Sum(), ValidationCounts.Sum(), totals));
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        text.Append(Description).Append('\n');
        AppendLine(text, [.. headers], widths);
        foreach (var row in rows)
        {
            AppendLine(text, row, widths);
        }

        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"samples per client (train + validation): min {MinSamples}, mean {MeanSamples:0.0}, max {MaxSamples}\n");
        text.Append(inv, $"classes per client (train): mean {MeanClassesPerClient:0.00} of {ClassNames.Count}; largest class share: mean {MeanLargestClassShare:0.000}\n");
        text.Append(inv, $"label skew (mean total-variation distance to the dataset's label distribution; 0 = IID): {MeanTotalVariation:0.000}\n");
        return text.ToString();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string[] Row(string first, int train, int validation, int[] perClass)
    {
        var row = new string[3 + perClass.Length];
        row[0] = first;
        row[1] = Text(train);
        row[2] = Text(validation);
        for (int k = 0; k < perClass.Length; k++)
        {
            row[3 + k] = Text(perClass[k]);
        }

        return row;
    }

    // Every column right-aligned, two spaces apart, no trailing spaces.
    private static void AppendLine(StringBuilder text, string[] cells, int[] widths)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            text.Append(' ', (i == 0 ? 0 : 2) + widths[i] - cells[i].Length).Append(cells[i]);
        }

        text.Append('\n');
    }

    private static int[] Gather(ReadOnlySpan<int> labels, ReadOnlySpan<int> indices)
    {
        var picked = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            picked[i] = labels[indices[i]];
        }

        return picked;
    }
}
