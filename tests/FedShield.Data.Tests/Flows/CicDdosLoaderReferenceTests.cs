using System.Security.Cryptography;
using FedShield.Data.Flows;

namespace FedShield.Data.Tests.Flows;

/// <summary>The loader on the CIC-DDoS2019 sample of ../shared/data; counts from its README or measured once and pinned.</summary>
public class CicDdosLoaderReferenceTests
{
    private static readonly Lazy<CicDdosData> Default = new(() => CicDdosLoader.Load(Folder));

    private static string Folder => ReferenceData.Folder("cic-ddos2019-sample");

    [ReferenceDataFact]
    public void Files_MatchSha256Sums()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "SHA256SUMS")).Where(l => l.Length > 0).ToList();
        Assert.Equal(14, lines.Count);
        foreach (var line in lines)
        {
            var expected = line[..64];
            var relative = line[64..].Trim().TrimStart('*');
            using var stream = File.OpenRead(Path.Combine(Folder, relative));
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            Assert.True(expected == actual, $"{relative}: SHA-256 {actual}, SHA256SUMS says {expected}");
        }
    }

    [ReferenceDataFact]
    public void Load_Default_ReadsTheReadmeLabelTotalsBeforeDeduplication()
    {
        var report = Default.Value.Report;

        Assert.Equal(13_738, report.RowsReadPerFile.Values.Sum());
        Assert.Equal(14, report.RowsReadPerFile.Count);
        Assert.Equal(5_738, report.RowsReadPerFile.Where(p => p.Key.StartsWith("head200KB/", StringComparison.Ordinal)).Sum(p => p.Value));
        Assert.Equal(8_000, report.RowsReadPerFile["xai-ids/balanced_Portmap.csv"]);
        Assert.Equal(4_680, report.RowsReadPerLabel["BENIGN"]);
        Assert.Equal(4_016, report.RowsReadPerLabel["Portmap"]);
        Assert.Equal(441, report.RowsReadPerLabel["Syn"]);
        Assert.Equal(427, report.RowsReadPerLabel["UDP-lag"]);
        Assert.Equal(72, report.RowsReadPerLabel["DrDoS_NTP"]);
        Assert.Equal(485, report.RowsReadPerLabel["MSSQL"]);
        Assert.All(
            report.RowsReadPerLabel.Where(p => p.Key is not ("BENIGN" or "Portmap" or "DrDoS_NTP")),
            p => Assert.InRange(p.Value, 346, 485));
    }

    [ReferenceDataFact]
    public void Load_Default_Removes309RepeatedRowsAndCleansAsMeasured()
    {
        var data = Default.Value;
        var report = data.Report;

        Assert.Equal(309, report.DuplicateRowsRemoved);
        Assert.Equal(7_691, report.RowsKeptPerFile["xai-ids/balanced_Portmap.csv"]);
        var expected = new Dictionary<string, int>
        {
            ["BENIGN"] = 4_372, ["DrDoS_DNS"] = 346, ["DrDoS_LDAP"] = 474, ["DrDoS_MSSQL"] = 472, ["DrDoS_NTP"] = 72,
            ["DrDoS_NetBIOS"] = 470, ["DrDoS_SNMP"] = 483, ["DrDoS_SSDP"] = 468, ["DrDoS_UDP"] = 421, ["MSSQL"] = 485,
            ["Portmap"] = 4_015, ["Syn"] = 441, ["TFTP"] = 483, ["UDP-lag"] = 427,
        };
        Assert.Equal(expected, report.RowsKeptPerLabel);
        Assert.Equal(13_429, data.Train.Count + data.Test.Count);
        Assert.Equal(0, report.RowsRemovedByClassSelection);
        Assert.Equal(1, report.ExactDuplicateFeatureRows);
        Assert.Equal(672, report.InfiniteValuesReplaced);
        Assert.Equal(96, report.EmptyOrNaNValuesReplaced);
        Assert.Equal(["Unnamed: 0", "Flow ID", "Source IP", "Destination IP", "Timestamp", "SimillarHTTP"], report.DroppedColumns);
        Assert.Equal(81, data.FeatureNames.Count);
        Assert.Equal(["Source Port", "Destination Port", "Protocol", "Flow Duration"], data.FeatureNames.Take(4));
        Assert.Equal("Inbound", data.FeatureNames[^1]);
        Assert.Equal([81], data.Train.SampleShape.ToArray());
        Assert.Equal("cic-ddos2019", data.Pair.Name);
        Assert.Equal(["cic-ddos2019/train", "cic-ddos2019/test"], new[] { data.Train.Name, data.Test.Name });
        Assert.Equal(["benign", "attack"], data.Train.ClassNames);
        int[] all = [data.Train.ClassCounts()[0] + data.Test.ClassCounts()[0], data.Train.ClassCounts()[1] + data.Test.ClassCounts()[1]];
        Assert.Equal([4_372, 13_429 - 4_372], all);
    }

    [ReferenceDataFact]
    public void Load_BenignUdpLagSyn_KeepsExactlyThoseThreeClasses()
    {
        var data = CicDdosLoader.Load(Folder, new CicDdosOptions(CicDdosLabels.AttackType, ["BENIGN", "UDPLag", "Syn"]));

        Assert.Equal(["BENIGN", "Syn", "UDP-lag"], data.Train.ClassNames);
        var counts = data.Train.ClassCounts().Zip(data.Test.ClassCounts(), (a, b) => a + b).ToArray();
        Assert.Equal([4_372, 441, 427], counts);
        Assert.Equal(13_429 - 5_240, data.Report.RowsRemovedByClassSelection);
        Assert.Equal(3, data.Report.RowsKeptPerLabel.Count);
    }

    [ReferenceDataFact]
    public void Load_Default_FeaturesFiniteAndTrainStandardised()
    {
        var data = Default.Value;
        Assert.All(data.Train.Features.ToArray().Concat(data.Test.Features.ToArray()), v => Assert.True(float.IsFinite(v)));

        var train = data.Train.Features.Span;
        int width = data.Train.SampleSize, n = data.Train.Count, constant = 0;
        for (int c = 0; c < width; c++)
        {
            double sum = 0, sq = 0;
            for (int r = 0; r < n; r++)
            {
                double v = train[(r * width) + c];
                sum += v;
                sq += v * v;
            }

            double mean = sum / n, std = Math.Sqrt((sq / n) - (mean * mean));
            Assert.True(Math.Abs(mean) < 1e-4, $"{data.FeatureNames[c]}: train mean {mean}");
            if (std == 0)
            {
                constant++;
                continue;
            }

            Assert.True(Math.Abs(std - 1) < 1e-3, $"{data.FeatureNames[c]}: train std {std}");
        }

        // Measured: the flag and bulk columns CICFlowMeter never sets in this sample.
        Assert.Equal(12, constant);
    }

    [ReferenceDataFact]
    public void Load_AttackType_SplitIsStratifiedAndDeterministic()
    {
        var options = new CicDdosOptions(CicDdosLabels.AttackType, testFraction: 0.25, seed: 7);
        var a = CicDdosLoader.Load(Folder, options);
        var b = CicDdosLoader.Load(Folder, options);
        var c = CicDdosLoader.Load(Folder, new CicDdosOptions(CicDdosLabels.AttackType, testFraction: 0.25, seed: 8));

        Assert.Equal(14, a.Train.ClassCount);
        Assert.Equal("BENIGN", a.Train.ClassNames[0]);
        var train = a.Train.ClassCounts();
        var test = a.Test.ClassCounts();
        for (int k = 0; k < train.Length; k++)
        {
            double target = 0.25 * (train[k] + test[k]);
            Assert.True(Math.Abs(test[k] - target) <= 1, $"{a.Train.ClassNames[k]}: {test[k]} test rows, target {target}");
        }

        Assert.Equal(a.Train.Features.ToArray(), b.Train.Features.ToArray());
        Assert.Equal(a.Test.Labels.ToArray(), b.Test.Labels.ToArray());
        Assert.Equal(test, c.Test.ClassCounts());
        Assert.NotEqual(a.Test.Features.ToArray(), c.Test.Features.ToArray());
    }

    [ReferenceDataFact]
    public void Load_WindowMode_WindowsAreConsecutiveFlowsOfOneFile()
    {
        var flows = CicDdosLoader.Load(Folder, new CicDdosOptions(CicDdosLabels.AttackType, windowLength: 1));
        var windows = CicDdosLoader.Load(Folder, new CicDdosOptions(CicDdosLabels.AttackType, windowLength: 4, windowStride: 3));

        // Length-1 windows are the train flows in file order: the windows of length 4 must be runs of them.
        int f = flows.Train.SampleSize;
        Assert.Equal(81, f);
        Assert.Equal([4, 81], windows.Train.SampleShape.ToArray());
        int w = 0, segmentStart = 0;
        foreach (int kept in windows.Report.RowsKeptPerFile.Values)
        {
            int trainRows = kept - (int)Math.Round(0.2 * kept, MidpointRounding.AwayFromZero);
            for (int start = segmentStart; start + 4 <= segmentStart + trainRows; start += 3, w++)
            {
                Assert.Equal(flows.Train.Label(start + 3), windows.Train.Label(w));
                for (int t = 0; t < 4; t++)
                {
                    Assert.True(flows.Train.Sample(start + t).SequenceEqual(windows.Train.Sample(w).Slice(t * f, f)), $"window {w} step {t}");
                }
            }

            segmentStart += trainRows;
        }

        Assert.Equal(flows.Train.Count, segmentStart);
        Assert.Equal(w, windows.Train.Count);
        Assert.Equal(13_429, flows.Train.Count + flows.Test.Count);
    }
}
