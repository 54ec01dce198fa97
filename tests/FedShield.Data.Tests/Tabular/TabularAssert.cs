using System.Security.Cryptography;

namespace FedShield.Data.Tests.Tabular;

/// <summary>Checks shared by the tabular loader tests.</summary>
internal static class TabularAssert
{
    public static void Sha256(string path, string expectedHex) =>
        Assert.Equal(expectedHex, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));

    /// <summary>Every feature without '=' in its name has mean ≈ 0 and population std ≈ 1 (or is all 0 when constant).</summary>
    public static void NumericColumnsStandardised(Dataset d, params string[] constantColumns)
    {
        var names = d.FeatureNames!;
        var x = d.Features.Span;
        int numeric = 0;
        for (int c = 0; c < names.Count; c++)
        {
            if (names[c].Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            numeric++;
            double sum = 0;
            double sq = 0;
            for (int r = 0; r < d.Count; r++)
            {
                sum += x[(r * d.SampleSize) + c];
            }

            double mean = sum / d.Count;
            for (int r = 0; r < d.Count; r++)
            {
                double dev = x[(r * d.SampleSize) + c] - mean;
                sq += dev * dev;
            }

            double std = Math.Sqrt(sq / d.Count);
            Assert.True(Math.Abs(mean) < 1e-4, $"{names[c]}: mean {mean}");
            double expectedStd = constantColumns.Contains(names[c]) ? 0 : 1;
            Assert.True(Math.Abs(std - expectedStd) < 1e-4, $"{names[c]}: std {std}");
        }

        Assert.True(numeric > 0);
    }

    /// <summary>Each one-hot group (features named attribute=value) holds exactly one 1 and zeros in every row.</summary>
    public static void OneHotGroupsSumToOne(Dataset d)
    {
        var names = d.FeatureNames!;
        var groups = names.Select((n, c) => (Attribute: n.Split('=')[0], IsOneHot: n.Contains('=', StringComparison.Ordinal), Column: c))
            .Where(t => t.IsOneHot)
            .GroupBy(t => t.Attribute)
            .Select(g => g.Select(t => t.Column).ToArray())
            .ToArray();
        Assert.NotEmpty(groups);
        for (int r = 0; r < d.Count; r++)
        {
            var row = d.Sample(r);
            foreach (var group in groups)
            {
                float sum = 0;
                foreach (int c in group)
                {
                    Assert.True(row[c] is 0f or 1f);
                    sum += row[c];
                }

                Assert.Equal(1f, sum);
            }
        }
    }

    public static int CountPrefix(IReadOnlyList<string>? names, string prefix) =>
        names!.Count(n => n.StartsWith(prefix, StringComparison.Ordinal));
}
