using FedShield.Experiments.Output;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace FedShield.Experiments.Tests.Output;

public class MetricsJournalTests
{
    private static RoundRow Row(int round, double accuracy = double.NaN, double[]? perClass = null) =>
        new RoundResult
        {
            Round = round,
            ClientsSelected = 4,
            ClientsSucceeded = 4,
            TestAccuracy = accuracy,
            TestLoss = double.IsNaN(accuracy) ? double.NaN : 1 - accuracy,
            PerClassAccuracy = perClass,
            TrainLoss = 0.25 * round,
            BytesSent = 1000,
            BytesReceived = 2000,
            BytesSentTotal = 1000L * round,
            BytesReceivedTotal = 2000L * round,
            TimeRoundSeconds = 0.5,
        }.ToRow();

    private static string[] CsvLines(TempDirectory dir) =>
        File.ReadAllText(dir.File(RunFiles.MetricsCsv)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Append_ThenRead_ReturnsEqualRows()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        RoundRow[] rows =
        [
            Row(1),
            Row(2, 0.75, [0.5, 1.0]).SetNumber("privacy.epsilon", 0.125).SetInteger("aggregator.excluded", 2),
            Row(3, 0.8125, [0.625, 1.0]).SetText("note", "a \"quoted\", text\nwith a line end"),
        ];
        foreach (var row in rows)
        {
            journal.Append(row);
        }

        var read = MetricsJournal.Read(dir.Path);
        Assert.False(read.HasTornLine);
        Assert.Equal(3, read.Rows.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.True(rows[i].ContentEquals(read.Rows[i]), $"row {i}: wrote {rows[i]} read {read.Rows[i]}");
        }

        Assert.Equal(3, File.ReadAllLines(dir.File(RunFiles.MetricsJsonl)).Length);
    }

    [Fact]
    public void Append_NaNAndInfinity_WritesNullAndReadsBack()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        journal.Append(new RoundRow().SetInteger("round", 1).SetNumber("test_loss", double.NaN).SetNumber("x", double.PositiveInfinity)
            .SetNumbers("per_class_accuracy", [double.NaN, 0.5]).SetNumber("whole", 3.0));

        string line = File.ReadAllText(dir.File(RunFiles.MetricsJsonl));
        Assert.Equal("{\"round\":1,\"test_loss\":null,\"x\":\"Infinity\",\"per_class_accuracy\":[null,0.5],\"whole\":3.0}\n", line);
        var row = MetricsJournal.Read(dir.Path).Rows.Single();
        Assert.True(row.Get("test_loss").IsNull);
        Assert.Equal(double.PositiveInfinity, row.GetNumber("x"));
        Assert.True(double.IsNaN(row.GetNumbers("per_class_accuracy")![0]));
        Assert.Equal(RoundValueKind.Number, row.Get("whole").Kind);
        Assert.Equal(RoundValueKind.Integral, row.Get("round").Kind);
    }

    [Fact]
    public void Append_AnyRows_RoundTripsThroughJsonl()
    {
        var values =
            from kind in Gen.Choose(0, 4)
            from number in Gen.Elements(0.0, -1.5, 1e-300, 123456.789, double.NaN, double.NegativeInfinity, 0.1 + 0.2)
            from integer in Gen.Elements(0L, -7L, long.MaxValue, 42L)
            from text in Gen.Elements("", "plain", "comma, \"quote\"", "ünïcødé\t<tab>", "Infinity?")
            from length in Gen.Choose(0, 4)
            select kind switch
            {
                0 => RoundValue.Null,
                1 => RoundValue.FromNumber(number),
                2 => RoundValue.FromInteger(integer),
                3 => RoundValue.FromText(text),
                _ => RoundValue.FromNumbers(Enumerable.Repeat(number, length).ToArray()),
            };
        var rows = Gen.ListOf(Gen.ListOf(values)).Select(list => list.Select((fields, i) =>
        {
            var row = new RoundRow().SetInteger("round", i + 1);
            for (int f = 0; f < fields.Count; f++)
            {
                row.Set($"field.{f}", fields[f]);
            }

            return row;
        }).ToArray());

        var config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(40)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20250101UL), FSharpOption<int>.None)));
        Prop.ForAll(rows.ToArbitrary(), written =>
        {
            using var dir = new TempDirectory();
            var journal = MetricsJournal.Open(dir.Path);
            foreach (var row in written)
            {
                journal.Append(row);
            }

            var read = MetricsJournal.Read(dir.Path).Rows;
            return read.Count == written.Length && written.Zip(read).All(p => p.First.ContentEquals(p.Second));
        }).Check(config);
    }

    [Fact]
    public void Append_PerClassAccuracyFromRoundTwo_InsertsColumnsAfterTestAccuracy()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        journal.Append(Row(1));
        Assert.DoesNotContain(journal.CsvColumns, c => c.StartsWith("per_class", StringComparison.Ordinal));

        journal.Append(Row(2, 0.75, [0.5, 1.0]));
        var columns = journal.CsvColumns.ToList();
        int accuracy = columns.IndexOf("test_accuracy");
        Assert.Equal("per_class_accuracy_0", columns[accuracy + 1]);
        Assert.Equal("per_class_accuracy_1", columns[accuracy + 2]);
        Assert.Equal("train_loss", columns[accuracy + 3]);

        string[] lines = CsvLines(dir);
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Join(',', columns), lines[0]);
        var round1 = lines[1].Split(',');
        var round2 = lines[2].Split(',');
        Assert.Equal("", round1[accuracy + 1]);
        Assert.Equal("0.5", round2[accuracy + 1]);
        Assert.Equal("1", round2[accuracy + 2]);
        Assert.Equal("0.75", round2[accuracy]);
    }

    [Fact]
    public void Append_NewExtraField_AddsColumnAndKeepsOldRowsEmptyThere()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        journal.Append(Row(1));
        journal.Append(Row(2));
        journal.Append(Row(3).SetNumber("privacy.epsilon", 1.5));
        journal.Append(Row(4).SetNumber("privacy.epsilon", 2.0));

        string[] lines = CsvLines(dir);
        var header = lines[0].Split(',');
        Assert.Equal("privacy.epsilon", header[^1]);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.Equal(header.Length, l.Split(',').Length));
        Assert.EndsWith(",", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",1.5", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(",2", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Append_TextWithCommaAndQuote_IsQuotedInCsv()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        journal.Append(new RoundRow().SetInteger("round", 1).SetText("reason", "too few, \"2\" of 5"));
        Assert.Equal("1,\"too few, \"\"2\"\" of 5\"", CsvLines(dir)[1]);
    }

    [Fact]
    public void Append_RoundNotIncreasing_ThrowsAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        journal.Append(Row(1));
        journal.Append(Row(2));
        var error = Assert.Throws<ArgumentException>(() => journal.Append(Row(2)));
        Assert.Contains("round 2 after round 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => journal.Append(new RoundRow().SetNumber("a", 1)));
        Assert.Equal(2, MetricsJournal.Read(dir.Path).Rows.Count);
    }

    [Fact]
    public void Truncate_KeepsRowsUpToRoundInBothFiles()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        for (int r = 1; r <= 5; r++)
        {
            journal.Append(r >= 4 ? Row(r).SetNumber("late.field", r) : Row(r));
        }

        Assert.Equal(2, journal.Truncate(3));
        Assert.Equal(3, journal.LastRound);
        Assert.Equal([1, 2, 3], MetricsJournal.Read(dir.Path).Rows.Select(r => r.Round));
        string[] csv = CsvLines(dir);
        Assert.Equal(4, csv.Length);
        Assert.DoesNotContain("late.field", csv[0], StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));

        journal.Append(Row(4));
        Assert.Equal([1, 2, 3, 4], MetricsJournal.Read(dir.Path).Rows.Select(r => r.Round));
    }

    [Fact]
    public void Read_TornLastLine_ReturnsCompleteRowsAndReportsIt()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        journal.Append(Row(1));
        journal.Append(Row(2));
        File.AppendAllText(dir.File(RunFiles.MetricsJsonl), "{\"round\":3,\"status\":\"app");

        var read = MetricsJournal.Read(dir.Path);
        Assert.Equal([1, 2], read.Rows.Select(r => r.Round));
        Assert.True(read.HasTornLine);
        Assert.Equal(3, read.TornLineNumber);
        Assert.Contains("line 3", read.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TornLastLine_DropsItAndContinues()
    {
        using var dir = new TempDirectory();
        var first = MetricsJournal.Open(dir.Path);
        first.Append(Row(1));
        first.Append(Row(2));
        File.AppendAllText(dir.File(RunFiles.MetricsJsonl), "{\"round\":3,");

        var resumed = MetricsJournal.Open(dir.Path);
        Assert.True(resumed.Recovered!.HasTornLine);
        Assert.Equal(2, resumed.LastRound);
        resumed.Append(Row(3));

        var read = MetricsJournal.Read(dir.Path);
        Assert.False(read.HasTornLine);
        Assert.Equal([1, 2, 3], read.Rows.Select(r => r.Round));
        Assert.Equal(4, CsvLines(dir).Length);
    }

    [Fact]
    public void Read_DamagedLineBeforeTheLast_ThrowsNamingTheLine()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(RunFiles.MetricsJsonl), "{\"round\":1}\nnot json\n{\"round\":3}\n");
        var error = Assert.Throws<InvalidDataException>(() => MetricsJournal.Read(dir.Path));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RoundsOutOfOrder_Throws()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(RunFiles.MetricsJsonl), "{\"round\":2}\n{\"round\":1}\n");
        var error = Assert.Throws<InvalidDataException>(() => MetricsJournal.Read(dir.Path));
        Assert.Contains("round 1 follows round 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoFile_ThrowsFileNotFound()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => MetricsJournal.Read(dir.Path));
    }

    [Fact]
    public void Open_CsvMissingLastRow_RegeneratesItFromJsonl()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        journal.Append(Row(1));
        journal.Append(Row(2));
        string[] complete = CsvLines(dir);
        File.WriteAllText(dir.File(RunFiles.MetricsCsv), string.Join('\n', complete[..2]) + "\n");

        MetricsJournal.Open(dir.Path);
        Assert.Equal(complete, CsvLines(dir));
    }

    [Fact]
    public void Append_RowChangedAfterwards_JournalKeepsWhatWasWritten()
    {
        using var dir = new TempDirectory();
        var journal = MetricsJournal.Open(dir.Path);
        var row = Row(1);
        journal.Append(row);
        row.SetNumber("late.field", 1);
        journal.Append(Row(2).SetNumber("other.field", 2));
        Assert.DoesNotContain("late.field", journal.CsvColumns);
        Assert.False(journal.Rows[0].Contains("late.field"));
    }
}
