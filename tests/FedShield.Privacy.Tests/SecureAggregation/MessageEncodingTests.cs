using System.Buffers.Binary;
using FedShield.Privacy.Crypto;
using FedShield.Privacy.SecureAggregation;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class MessageEncodingTests
{
    private static readonly RoundParameters Params = new(SecureAggregationVariant.SecAggPlus, 10, 20, 0.5, 100, 2.5, true, 7, 4);

    [Fact]
    public void RoundParameters_RoundTripAndRejectDamage()
    {
        var bytes = Params.Encode();
        Assert.Equal(Params, RoundParameters.Decode(bytes));
        Assert.Equal(Params with { ClipNorm = null }, RoundParameters.Decode((Params with { ClipNorm = null }).Encode()));

        Assert.Throws<FormatException>(() => RoundParameters.Decode(bytes.AsSpan(0, 39)));
        Assert.Throws<FormatException>(() => RoundParameters.Decode([.. bytes, 0]));
        var version = (byte[])bytes.Clone();
        version[0] = 2;
        Assert.Contains("version", Assert.Throws<FormatException>(() => RoundParameters.Decode(version)).Message, StringComparison.Ordinal);
        var flags = (byte[])bytes.Clone();
        flags[23] |= 4;
        Assert.Contains("flags", Assert.Throws<FormatException>(() => RoundParameters.Decode(flags)).Message, StringComparison.Ordinal);
        Assert.Contains("8 to 64", Assert.Throws<FormatException>(() => RoundParameters.Decode((Params with { Bits = 70 }).Encode())).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => RoundParameters.Decode((Params with { Selected = 1 }).Encode()));
        Assert.Throws<FormatException>(() => RoundParameters.Decode((Params with { ClipRange = double.NaN }).Encode()));
    }

    [Fact]
    public void KeyAdvertisement_RoundTripsAndRejectsNonPoints()
    {
        using var c = AgreementKey.Create();
        using var s = AgreementKey.Create();
        var bytes = new KeyAdvertisement(c.PublicKey, s.PublicKey).Encode();
        var back = KeyAdvertisement.Decode(bytes);
        Assert.Equal(c.PublicKey, back.EncryptionKey);
        Assert.Equal(s.PublicKey, back.MaskKey);

        Assert.Throws<FormatException>(() => KeyAdvertisement.Decode(bytes.AsSpan(1)));
        var offCurve = (byte[])bytes.Clone();
        offCurve[100] ^= 1;
        Assert.Contains("mask key", Assert.Throws<FormatException>(() => KeyAdvertisement.Decode(offCurve)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Roster_RoundTripsAndRejectsBadStructure()
    {
        using var a = AgreementKey.Create();
        using var b = AgreementKey.Create();
        RosterEntry[] entries = [new(3, 1, a.PublicKey, b.PublicKey), new(8, 4, b.PublicKey, a.PublicKey)];
        var roster = new Roster(2, entries);
        var back = Roster.Decode(roster.Encode(), 10);
        Assert.Equal(2, back.Threshold);
        Assert.Equal([3, 8], back.Entries.Select(e => e.ClientId));
        Assert.Equal([1, 4], back.Entries.Select(e => e.Point));

        Assert.Throws<FormatException>(() => Roster.Decode(new Roster(2, [entries[1], entries[0]]).Encode(), 10));
        Assert.Throws<FormatException>(() => Roster.Decode(new Roster(2, [entries[0], entries[1] with { Point = 1 }]).Encode(), 10));
        Assert.Throws<FormatException>(() => Roster.Decode(new Roster(2, [entries[0], entries[1] with { Point = 11 }]).Encode(), 10));
        Assert.Throws<FormatException>(() => Roster.Decode(new Roster(2, [entries[0]]).Encode(), 10));
        var huge = roster.Encode();
        BinaryPrimitives.WriteInt32LittleEndian(huge.AsSpan(4), int.MaxValue);
        Assert.Contains("cannot fit", Assert.Throws<FormatException>(() => Roster.Decode(huge, 10)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BoxList_RoundTripsAndRejectsRepeatsAndWrongSizes()
    {
        var box = new byte[SecAggContext.BoxBytes];
        var bytes = AddressedBox.EncodeList([new(4, box), new(2, box)]);
        Assert.Equal([4, 2], AddressedBox.DecodeList(bytes, "boxes").Select(b => b.PeerId));
        Assert.Throws<FormatException>(() => AddressedBox.DecodeList(AddressedBox.EncodeList([new(4, box), new(4, box)]), "boxes"));
        Assert.Throws<FormatException>(() => AddressedBox.DecodeList(bytes.AsSpan(0, bytes.Length - 1), "boxes"));
        var negative = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(negative, -1);
        Assert.Throws<FormatException>(() => AddressedBox.DecodeList(negative, "boxes"));
    }

    [Fact]
    public void UnmaskRequest_RoundTripsAndRequiresAscendingLists()
    {
        var back = UnmaskRequest.Decode(new UnmaskRequest([1, 5, 9], [2]).Encode());
        Assert.Equal([1, 5, 9], back.Survivors);
        Assert.Equal([2], back.Dropped);
        Assert.Throws<FormatException>(() => UnmaskRequest.Decode(new UnmaskRequest([5, 1], []).Encode()));
        Assert.Throws<FormatException>(() => UnmaskRequest.Decode(new UnmaskRequest([1], [2, 2]).Encode()));
    }

    [Fact]
    public void ShareList_RoundTripsAndRejectsUnknownKinds()
    {
        var share = ShamirSecretSharing.Split(new byte[32], 2, [3, 4])[0];
        var bytes = ShareEntry.EncodeList([new(7, ShareKind.MaskKey, share)]);
        var back = Assert.Single(ShareEntry.DecodeList(bytes));
        Assert.Equal((7, ShareKind.MaskKey, 3), (back.OwnerId, back.Kind, back.Share.Point));
        Assert.Equal(share.Values.ToArray(), back.Share.Values.ToArray());
        bytes[8] = 2;
        Assert.Contains("kind", Assert.Throws<FormatException>(() => ShareEntry.DecodeList(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaskedInput_ValidatesCountLengthAndWidth()
    {
        var p = Params; // 20 bits: 3 bytes per element, 8 elements
        var values = Enumerable.Range(0, p.Elements).Select(i => (ulong)i * 99991).ToArray();
        var bytes = MaskedInput.Encode(values, p);
        Assert.Equal(4 + (8 * 3), bytes.Length);
        var acc = new ulong[p.Elements];
        RingVector.UnpackAdd(MaskedInput.Validate(bytes, p), p.ElementBytes, acc);
        Assert.Equal(values.Select(v => v & p.Mask), acc);

        Assert.Throws<FormatException>(() => MaskedInput.Validate(bytes.AsSpan(0, bytes.Length - 1), p));
        var count = (byte[])bytes.Clone();
        count[0] = 7;
        Assert.Throws<FormatException>(() => MaskedInput.Validate(count, p));
        var wide = (byte[])bytes.Clone();
        wide[6] |= 0x80; // bit 23 of element 0
        Assert.Contains("wider", Assert.Throws<FormatException>(() => MaskedInput.Validate(wide, p)).Message, StringComparison.Ordinal);
    }
}
