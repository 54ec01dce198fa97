using FedShield.Privacy.Crypto;
using FedShield.Privacy.Niss;
using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Privacy.Tests.Niss;

public class NissWireTests
{
    private static readonly byte[] Key = CreateKey();

    [Fact]
    public void Keys_RoundTrip_AndBadKeysOrCountsAreRejected()
    {
        var (key, samples) = NissWire.DecodeKeys(NissWire.EncodeKeys(Key, 42));
        Assert.Equal(Key, key);
        Assert.Equal(42, samples);

        Assert.Contains("sample count 0", Rejects(() => NissWire.DecodeKeys(NissWire.EncodeKeys(Key, 0))), StringComparison.Ordinal);
        var notAPoint = NissWire.EncodeKeys(Key, 1);
        notAPoint[10] ^= 0xFF;
        Rejects(() => NissWire.DecodeKeys(notAPoint));
        Assert.Contains("truncated", Rejects(() => NissWire.DecodeKeys(notAPoint.AsSpan(0, 70))), StringComparison.Ordinal);
        Assert.Contains("unexpected bytes", Rejects(() => NissWire.DecodeKeys([.. NissWire.EncodeKeys(Key, 1), 0])), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_RoundTrips_ZeroMeaningNoBound()
    {
        Assert.Null(NissWire.DecodeTrain(NissWire.EncodeTrain(0)));
        Assert.Equal(1.5, NissWire.DecodeTrain(NissWire.EncodeTrain(1.5)));
        Rejects(() => NissWire.DecodeTrain(NissWire.EncodeTrain(-1)));
        Rejects(() => NissWire.DecodeTrain(NissWire.EncodeTrain(double.NaN)));
    }

    [Fact]
    public void Neighbours_RoundTrip_AndSelfDuplicateOrBadWeightAreRejected()
    {
        var payload = NissWire.EncodeNeighbours(0.25, [new NissPeer(4, Key), new NissPeer(9, Key)]);
        var (weight, peers) = NissWire.DecodeNeighbours(payload, self: 1);
        Assert.Equal(0.25, weight);
        Assert.Equal([4, 9], peers.Select(p => p.Id));
        Assert.Equal(Key, peers[1].PublicKey);

        Assert.Contains("itself", Rejects(() => NissWire.DecodeNeighbours(payload, self: 9)), StringComparison.Ordinal);
        Assert.Contains("twice", Rejects(() => NissWire.DecodeNeighbours(NissWire.EncodeNeighbours(0.5, [new NissPeer(4, Key), new NissPeer(4, Key)]), 1)), StringComparison.Ordinal);
        Assert.Contains("(0, 1]", Rejects(() => NissWire.DecodeNeighbours(NissWire.EncodeNeighbours(1.5, []), 1)), StringComparison.Ordinal);
        Assert.Contains("(0, 1]", Rejects(() => NissWire.DecodeNeighbours(NissWire.EncodeNeighbours(0, []), 1)), StringComparison.Ordinal);

        var lying = (byte[])payload.Clone();
        lying[8] = 3; // claims three neighbours, holds two
        Assert.Contains("only", Rejects(() => NissWire.DecodeNeighbours(lying, 1)), StringComparison.Ordinal);
        lying[11] = 0x80; // negative count
        Rejects(() => NissWire.DecodeNeighbours(lying, 1));
    }

    [Fact]
    public void Inbox_RejectsRepeatedSendersAndSelf()
    {
        var box = new byte[SealedBox.Overhead + NissWire.ShareBytes];
        var payload = NissWire.EncodeInbox([new NissRelayed(2, Key, box), new NissRelayed(3, Key, box)]);
        Assert.Equal([2, 3], NissWire.DecodeInbox(payload, 1).Select(r => r.Sender));
        Assert.Contains("itself", Rejects(() => NissWire.DecodeInbox(payload, 3)), StringComparison.Ordinal);
        Assert.Contains("twice", Rejects(() => NissWire.DecodeInbox(NissWire.EncodeInbox([new NissRelayed(2, Key, box), new NissRelayed(2, Key, box)]), 1)), StringComparison.Ordinal);
        Assert.Contains("truncated", Rejects(() => NissWire.DecodeInbox(payload.AsSpan(0, payload.Length - 1), 1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Upload_RejectsWrongLengthAndNonFiniteValues()
    {
        var values = new float[3];
        Assert.Contains("3 values; the model has 4", Rejects(() => NissWire.DecodeUpload(NissWire.EncodeUpload([], [1f, 2f, 3f]), new float[4])), StringComparison.Ordinal);
        Assert.Contains("non-finite", Rejects(() => NissWire.DecodeUpload(NissWire.EncodeUpload([], [1f, float.NaN, 3f]), values)), StringComparison.Ordinal);
        Assert.Equal([7], NissWire.DecodeUpload(NissWire.EncodeUpload([7], [1f, 2f, 3f]), values));
        Assert.Equal([1f, 2f, 3f], values);
    }

    [Fact]
    public void BoxesAndUploads_Property_RoundTrip()
    {
        Prop.ForAll(Gen.Choose(0, 6).ToArbitrary(), Gen.Choose(0, 40).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (boxes, d, seed) =>
        {
            var random = new Random(seed);
            var sent = Enumerable.Range(0, boxes).Select(i => new NissBox(random.Next(), RandomBytes(random, random.Next(0, 100)))).ToArray();
            var back = NissWire.DecodeBoxes(NissWire.EncodeBoxes(sent));
            var values = Enumerable.Range(0, d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            var rejected = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next()).ToArray();
            var decoded = new float[d];
            var rejectedBack = NissWire.DecodeUpload(NissWire.EncodeUpload(rejected, values), decoded);
            return back.Length == sent.Length
                && back.Zip(sent).All(p => p.First.Peer == p.Second.Peer && p.First.Box.AsSpan().SequenceEqual(p.Second.Box))
                && decoded.AsSpan().SequenceEqual(values)
                && rejectedBack.AsSpan().SequenceEqual(rejected);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decoders_Property_NeverThrowAnythingButInvalidData()
    {
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (length, seed) =>
        {
            var bytes = RandomBytes(new Random(seed), length);
            if (length >= 4)
            {
                bytes[0] = (byte)(length % 3); // small counts, so that parsing gets past the header
                bytes[1] = bytes[2] = bytes[3] = 0;
            }

            var decoders = new Action[]
            {
                () => NissWire.DecodeTrain(bytes),
                () => NissWire.DecodeKeys(bytes),
                () => NissWire.DecodeNeighbours(bytes, 1),
                () => NissWire.DecodeBoxes(bytes),
                () => NissWire.DecodeInbox(bytes, 1),
                () => NissWire.DecodeUpload(bytes, new float[3]),
            };
            foreach (var decode in decoders)
            {
                try
                {
                    decode();
                }
                catch (InvalidDataException)
                {
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AssociatedData_BindsRoundSenderAndRecipient()
    {
        var ad = NissWire.AssociatedData(3, 1, 2);
        Assert.NotEqual(ad, NissWire.AssociatedData(4, 1, 2));
        Assert.NotEqual(ad, NissWire.AssociatedData(3, 2, 1));
        Assert.NotEqual(ad, NissWire.AssociatedData(3, 1, 5));
        Assert.Equal(ad, NissWire.AssociatedData(3, 1, 2));
    }

    private static string Rejects(Action decode) => Assert.Throws<InvalidDataException>(decode).Message;

    private static byte[] RandomBytes(Random random, int length)
    {
        var b = new byte[length];
        random.NextBytes(b);
        return b;
    }

    private static byte[] CreateKey()
    {
        using var k = AgreementKey.Create();
        return k.PublicKey;
    }
}
