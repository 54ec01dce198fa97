using FedShield.Data.Flows;
using FedShield.Data.Tabular;

namespace FedShield.Data.Synthetic;

/// <summary>
/// A seeded flow-classification task imitating CICFlowMeter rows, for tests and for running anywhere
/// without the CIC-DDoS2019 files: benign traffic plus 1–4 attack classes, ten flow features, and
/// sessions of correlated consecutive flows so that windows of flows carry information.
/// </summary>
/// <remarks>
/// <para>Generation, for each split (train, then test, from one <c>new Random(Seed)</c>):</para>
/// <list type="number">
/// <item>Sessions: the split's flows are shared exactly equally between the classes (the first
/// <c>N mod K</c> classes get one more). A session's class is drawn with probability proportional to
/// the flows its class still needs; its length is geometric with mean <see cref="SyntheticFlowOptions.SessionLength"/>,
/// cut to what the class still needs. Sessions follow one another in the split.</item>
/// <item>Flows: feature <c>j</c> of a class-<c>c</c> flow is log-normal,
/// <c>exp(ln(median[c, j]) + 2.5·spread[c, j]·(o_j + z_j))</c>, with a per-session offset <c>o_j ~ N(0, 0.5²)</c>
/// and AR(1) noise <c>z_j,t = ρ·z_j,t−1 + √(1−ρ²)·ε</c> (ε ~ N(0, 1) by Box–Muller, <c>z_j,0 = ε</c>).
/// Packet and flag counts are rounded down (forward packets at least 1).</item>
/// <item>Scaling: every feature becomes <c>ln(1 + x)</c>, then is standardised with the train flows'
/// mean and population std, applied to both splits.</item>
/// <item>Windows (<see cref="SyntheticFlowOptions.WindowLength"/> = L): <see cref="SequenceWindows.Build"/>
/// with the sessions as segments: sample shape (L, 10), label = the last flow's class (a session has one
/// class), no window spans two sessions; sessions shorter than L give none.</item>
/// </list>
/// <para>In flow mode the samples stay in generation (time) order; shuffle or partition by index.</para>
/// </remarks>
public static class SyntheticFlows
{
    /// <summary>Dataset name prefix of both splits.</summary>
    public const string DatasetName = "synthetic-flows";

    private const double SessionOffsetStd = 0.5;

    /// <summary>Generates the train and test splits ("synthetic-flows/train", "synthetic-flows/test").</summary>
    /// <returns>Classes <c>["benign", "syn-flood", "udp-lag", …]</c>; flows of shape (10) with feature names, or windows of shape (L, 10) without.</returns>
    public static DatasetPair Generate(SyntheticFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var normal = new RandomDraws(random);
        var train = GenerateStream(options.TrainFlows, options, random, normal);
        var test = GenerateStream(options.TestFlows, options, random, normal);
        int width = FlowClassProfile.FeatureNames.Length;
        var standardizer = Standardizer.Fit(train.Rows, width, Enumerable.Range(0, width).ToArray());
        standardizer.Apply(train.Rows);
        standardizer.Apply(test.Rows);

        var classNames = FlowClassProfile.All.Take(1 + options.AttackClasses).Select(p => p.Name).ToArray();
        if (options.WindowLength is not int length)
        {
            return new DatasetPair(
                new Dataset(DatasetName + "/train", train.Rows, [width], train.Labels, classNames, FlowClassProfile.FeatureNames),
                new Dataset(DatasetName + "/test", test.Rows, [width], test.Labels, classNames, FlowClassProfile.FeatureNames));
        }

        var trainWindows = SequenceWindows.Build(train.Rows, width, train.Labels, train.SessionLengths, length, options.WindowStride);
        var testWindows = SequenceWindows.Build(test.Rows, width, test.Labels, test.SessionLengths, length, options.WindowStride);
        return new DatasetPair(
            new Dataset(DatasetName + "/train", trainWindows.Features, [length, width], trainWindows.Labels, classNames),
            new Dataset(DatasetName + "/test", testWindows.Features, [length, width], testWindows.Labels, classNames));
    }

    /// <summary>One split's flows before standardisation: log-scaled rows, labels and session lengths.</summary>
    internal static FlowStream GenerateStream(int flows, SyntheticFlowOptions options, Random random, RandomDraws normal)
    {
        int classes = 1 + options.AttackClasses;
        int width = FlowClassProfile.FeatureNames.Length;
        var remaining = new int[classes];
        for (int c = 0; c < classes; c++)
        {
            remaining[c] = (flows / classes) + (c < flows % classes ? 1 : 0);
        }

        var rows = new float[flows * width];
        var labels = new int[flows];
        var sessions = new List<int>();
        var offset = new double[width];
        var noise = new double[width];
        double innovation = Math.Sqrt(1 - (options.Correlation * options.Correlation));
        int t = 0;
        while (t < flows)
        {
            int c = DrawClass(remaining, flows - t, random);
            int length = Math.Min(DrawSessionLength(options.SessionLength, random), remaining[c]);
            remaining[c] -= length;
            sessions.Add(length);
            var profile = FlowClassProfile.All[c];
            for (int j = 0; j < width; j++)
            {
                offset[j] = SessionOffsetStd * normal.NextNormal();
                noise[j] = normal.NextNormal();
            }

            for (int i = 0; i < length; i++, t++)
            {
                labels[t] = c;
                for (int j = 0; j < width; j++)
                {
                    if (i > 0)
                    {
                        noise[j] = (options.Correlation * noise[j]) + (innovation * normal.NextNormal());
                    }

                    double x = Math.Exp(Math.Log(profile.Median[j]) + (FlowClassProfile.SpreadScale * profile.Spread[j] * (offset[j] + noise[j])));
                    if (FlowClassProfile.IsCount[j])
                    {
                        x = Math.Floor(x);
                    }

                    if (j == 1)
                    {
                        x = Math.Max(1, x);
                    }

                    rows[(t * width) + j] = (float)Math.Log(1 + x);
                }
            }
        }

        return new FlowStream(rows, labels, [.. sessions]);
    }

    // A class with probability proportional to the flows it still needs.
    private static int DrawClass(int[] remaining, int total, Random random)
    {
        int pick = random.Next(total);
        for (int c = 0; c < remaining.Length; c++)
        {
            if (pick < remaining[c])
            {
                return c;
            }

            pick -= remaining[c];
        }

        throw new InvalidOperationException("unreachable: the remaining counts sum to the total");
    }

    // Geometric on {1, 2, ...} with the given mean, by inversion.
    private static int DrawSessionLength(double mean, Random random)
    {
        if (mean <= 1)
        {
            return 1;
        }

        double u = 1.0 - random.NextDouble();
        double extra = Math.Floor(Math.Log(u) / Math.Log(1 - (1 / mean)));
        return 1 + (int)Math.Min(extra, int.MaxValue - 1);
    }
}
