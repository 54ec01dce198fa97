using FedShield.Federation;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks.Tests;

public class DataPoisoningTests
{
    private static AttackContext Context(params int[] members) => new(Seeds.Run, new Coalition(members, Seeds.Run));

    /// <summary>A client whose "update" is its current labels, so a test can see what it trains on.</summary>
    private static FakeClient LabelEcho(int id, int[] labels, float[]? features = null, int[]? shape = null, int classes = 10) =>
        new(id, (c, i, _) => FakeClient.Update(c.Id, i.Round, [.. c.Labels.Select(l => (float)l)]), features ?? new float[labels.Length], labels, shape, classes);

    [Fact]
    public void LabelFlip_RelabelsOnlyTheSourceClass_AndLeavesFeatures()
    {
        float[] features = [1, 2, 3, 4];
        int[] labels = [7, 1, 7, 3];

        new LabelFlip(7, 1).Apply(features, labels, new LocalDataLayout(4, [1], 10), new Random(0));

        Assert.Equal([1, 1, 1, 3], labels);
        Assert.Equal([1f, 2f, 3f, 4f], features);
    }

    [Fact]
    public void LabelFlip_ClassOutsideTheData_IsRejectedNamingIt()
    {
        var flip = new LabelFlip(7, 1);
        var error = Assert.Throws<ArgumentException>(() => flip.Apply(new float[2], new int[2], new LocalDataLayout(2, [1], 5), new Random(0)));
        Assert.Contains("label-flip 7->1: class 7 is outside the data's 5 classes [0, 5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelFlip_BadClasses_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new LabelFlip(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabelFlip(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabelFlipAttack(2, -3));
    }

    [Fact]
    public async Task LabelFlipAttack_TrainsOnFlippedLabels_SeededPerClient_HonestDataUntouched()
    {
        var honest = LabelEcho(4, [7, 0, 7, 2]);
        var client = new LabelFlipAttack(7, 1).Wrap(honest, Context(4));

        var update = Assert.IsType<ClientUpdate>(await client.FitAsync(FakeClient.Instruction(4, new float[4]), CancellationToken.None));

        Assert.Equal([1f, 0f, 1f, 2f], update.Values);
        Assert.Equal(UpdateKind.Delta, update.Kind);
        Assert.Equal([7, 0, 7, 2], honest.Labels);
        Assert.Equal(0, honest.FitCalls);
        var evaluation = Assert.IsType<ClientEvaluation>(await client.EvaluateAsync(new EvaluateInstruction(1, 4, new float[4]), CancellationToken.None));
        Assert.Equal(4, evaluation.ClientId);
        Assert.Equal(1, honest.EvaluateCalls);
        Assert.Equal("label-flip 7->1", new LabelFlipAttack(7, 1).ToString());
    }

    [Fact]
    public async Task LabelFlipAttack_TransformSeed_ComesFromTheAttackStream()
    {
        FakeClient? transformed = null;
        var honest = new FakeClient(9, (c, i, _) =>
        {
            transformed = c;
            return FakeClient.Update(c.Id, i.Round, []);
        }, labels: [1]);
        var client = new LabelFlipAttack(1, 0).Wrap(honest, Context(9));
        await client.FitAsync(FakeClient.Instruction(9, []), CancellationToken.None);
        Assert.Equal(SeedStreams.Derive(Seeds.Run, SeedStreams.Attack, 9), transformed!.TransformSeed);
    }

    [Fact]
    public void LabelFlipAttack_ClientThatCannotTransformItsData_IsRejectedAtWrapTime()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabelFlipAttack(7, 1).Wrap(new PlainClient(4), Context(4)));
        Assert.Contains("client 4 is a PlainClient", error.Message, StringComparison.Ordinal);
        Assert.Contains("ITransformableClient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelFlipAttack_ClassOutsideTheClientsData_IsRejectedAtWrapTime()
    {
        var honest = LabelEcho(2, [0, 1], classes: 2);
        var error = Assert.Throws<ArgumentException>(() => new LabelFlipAttack(7, 1).Wrap(honest, Context(2)));
        Assert.Contains("class 7 is outside the data's 2 classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trigger_StampsACheckerInTheBottomRightOfEveryChannel_WithEachChannelsExtremes()
    {
        // Two 4×4 channels holding 0..15 and 100..115.
        var sample = Enumerable.Range(0, 16).Select(v => (float)v).Concat(Enumerable.Range(100, 16).Select(v => (float)v)).ToArray();
        var before = (float[])sample.Clone();

        new PixelPatternTrigger(size: 2).Apply(sample, [2, 4, 4]);

        var expected = (float[])before.Clone();
        foreach (var (offset, high, low) in new[] { (0, 15f, 0f), (16, 115f, 100f) })
        {
            expected[offset + 10] = high; // (2, 2)
            expected[offset + 11] = low;  // (2, 3)
            expected[offset + 14] = low;  // (3, 2)
            expected[offset + 15] = high; // (3, 3)
        }

        Assert.Equal(expected, sample);
    }

    [Fact]
    public void Trigger_ExplicitValues_Rank2Image_ThreeByThree()
    {
        var sample = new float[16];
        new PixelPatternTrigger(size: 3, high: 1f, low: -1f).Apply(sample, [4, 4]);

        float[] expected =
        [
            0, 0, 0, 0,
            0, 1, -1, 1,
            0, -1, 1, -1,
            0, 1, -1, 1,
        ];
        Assert.Equal(expected, sample);
    }

    [Fact]
    public void Trigger_IsPure_TheSameSampleStampedTwiceIsTheSame()
    {
        var random = new Random(3);
        var sample = Enumerable.Range(0, 3 * 8 * 8).Select(_ => (float)random.NextDouble()).ToArray();
        var copy = (float[])sample.Clone();
        var trigger = new PixelPatternTrigger();
        trigger.Apply(sample, [3, 8, 8]);
        trigger.Apply(copy, [3, 8, 8]);
        Assert.Equal(sample, copy);
        Assert.Equal("checker 3x3", trigger.Name);
    }

    [Theory]
    [InlineData(new[] { 105 }, 105, "image-shaped samples (rank ≥ 2")]
    [InlineData(new[] { 1, 2, 2 }, 4, "a 3x3 trigger does not fit in 2x2 images")]
    [InlineData(new[] { 1, 4, 4 }, 15, "a sample of shape [1, 4, 4] has 16 values; got 15")]
    [InlineData(new[] { 0, 4, 4 }, 0, "has a dimension that is not positive")]
    public void Trigger_UnfitShape_IsRejectedClearly(int[] shape, int length, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new PixelPatternTrigger(3).Apply(new float[length], shape));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trigger_BadParameters_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelPatternTrigger(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelPatternTrigger(2, high: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelPatternTrigger(2, low: float.PositiveInfinity));
    }

    [Fact]
    public void Backdoor_PoisonsOnlySamplesNotAlreadyOfTheTarget()
    {
        // Four 1×3×3 samples; half of 4 is 2, and exactly two (0 and 2) are not of class 1.
        var features = Enumerable.Range(0, 36).Select(v => v / 100f).ToArray();
        var original = (float[])features.Clone();
        int[] labels = [0, 1, 2, 1];
        var trigger = new PixelPatternTrigger(2, high: 5f, low: -5f);

        new BackdoorPoisoning(trigger, targetLabel: 1, poisonFraction: 0.5).Apply(features, labels, new LocalDataLayout(4, [1, 3, 3], 3), new Random(1));

        Assert.Equal([1, 1, 1, 1], labels);
        foreach (int i in new[] { 0, 2 })
        {
            var stamped = original.AsSpan(i * 9, 9).ToArray();
            trigger.Apply(stamped, [1, 3, 3]);
            Assert.Equal(stamped, features.AsSpan(i * 9, 9).ToArray());
        }

        foreach (int i in new[] { 1, 3 })
        {
            Assert.Equal(original.AsSpan(i * 9, 9).ToArray(), features.AsSpan(i * 9, 9).ToArray());
        }
    }

    [Fact]
    public void Backdoor_PoisonsTheRoundedFraction_ChosenBySeed()
    {
        HashSet<int> Poisoned(int seed)
        {
            var features = new float[20 * 4];
            var labels = Enumerable.Range(0, 20).Select(i => i % 4).ToArray();
            new BackdoorPoisoning(new PixelPatternTrigger(1, high: 9f), 0, 0.25).Apply(features, labels, new LocalDataLayout(20, [1, 2, 2], 4), new Random(seed));
            var stamped = Enumerable.Range(0, 20).Where(i => features[(i * 4) + 3] == 9f).ToHashSet();
            var relabelled = Enumerable.Range(0, 20).Where(i => i % 4 != 0 && labels[i] == 0).ToHashSet();
            Assert.Equal(relabelled, stamped);
            Assert.All(Enumerable.Range(0, 20).Where(i => i % 4 == 0), i => Assert.DoesNotContain(i, stamped));
            return stamped;
        }

        var first = Poisoned(7);
        Assert.Equal(5, first.Count);
        Assert.Equal(first, Poisoned(7));
        Assert.Contains(Enumerable.Range(8, 5), seed => !Poisoned(seed).SetEquals(first));
    }

    [Fact]
    public void Backdoor_FewerEligibleSamplesThanTheFraction_PoisonsThemAll()
    {
        var features = new float[4 * 4];
        int[] labels = [3, 3, 3, 0];
        new BackdoorPoisoning(new PixelPatternTrigger(1), 3, 1.0).Apply(features, labels, new LocalDataLayout(4, [1, 2, 2], 4), new Random(0));
        Assert.Equal([3, 3, 3, 3], labels);
    }

    [Fact]
    public void Backdoor_BadParametersAndData_AreRejected()
    {
        var trigger = new PixelPatternTrigger(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackdoorPoisoning(trigger, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackdoorPoisoning(trigger, 0, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackdoorPoisoning(trigger, -1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackdoorAttack(trigger, 0, 0.5, boost: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackdoorAttack(trigger, 0, 0.5, boost: double.NaN));

        var poisoning = new BackdoorPoisoning(trigger, 5, 0.5);
        var classes = Assert.Throws<ArgumentException>(() => poisoning.Apply(new float[4], new int[1], new LocalDataLayout(1, [1, 2, 2], 3), new Random(0)));
        Assert.Contains("class 5 is outside the data's 3 classes", classes.Message, StringComparison.Ordinal);

        var tabular = Assert.Throws<ArgumentException>(() => new BackdoorAttack(trigger, 0, 0.5).Wrap(LabelEcho(1, [1, 2], shape: [1]), Context(1)));
        Assert.Contains("image-shaped samples", tabular.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, new[] { 1f, 2f })]
    [InlineData(10.0, new[] { 10f, 20f })]
    public async Task BackdoorAttack_TrainsOnPoisonedDataAndBoostsTheDelta(double? boost, float[] expected)
    {
        // The client's "delta" is [number of samples labelled 1, 2 if sample 0 carries the trigger].
        var honest = new FakeClient(
            3,
            (c, i, _) => FakeClient.Update(c.Id, i.Round, [c.Labels.Count(l => l == 1), c.Features[3] == 7f ? 2f : 0f]),
            features: new float[4],
            labels: [0],
            sampleShape: [1, 2, 2],
            classCount: 2);
        var client = new BackdoorAttack(new PixelPatternTrigger(1, high: 7f), targetLabel: 1, poisonFraction: 1, boost).Wrap(honest, Context(3));

        var update = Assert.IsType<ClientUpdate>(await client.FitAsync(FakeClient.Instruction(3, new float[2]), CancellationToken.None));

        Assert.Equal(expected, update.Values);
        Assert.Equal(UpdateKind.Delta, update.Kind);
        Assert.Equal([0], honest.Labels);
        Assert.Equal(new float[4], honest.Features);
    }
}
