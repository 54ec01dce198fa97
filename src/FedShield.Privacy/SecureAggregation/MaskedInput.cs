namespace FedShield.Privacy.SecureAggregation;

/// <summary>The stage-2 answer: the element count, then d + 1 ring elements of ⌈k/8⌉ little-endian bytes each.</summary>
internal static class MaskedInput
{
    public static byte[] Encode(ReadOnlySpan<ulong> masked, RoundParameters p)
    {
        var bytes = new byte[4 + (p.Elements * p.ElementBytes)];
        var w = new WireWriter(bytes);
        w.Int32(p.Elements);
        RingVector.Pack(masked, p.ElementBytes, p.Mask, w.Take(p.Elements * p.ElementBytes));
        w.End();
        return bytes;
    }

    /// <summary>The packed elements of a well-formed masked input.</summary>
    /// <exception cref="FormatException">Wrong count or length, or an element wider than k bits.</exception>
    public static ReadOnlySpan<byte> Validate(ReadOnlySpan<byte> payload, RoundParameters p)
    {
        var r = new WireReader(payload, "masked input");
        var count = r.Int32();
        if (count != p.Elements)
        {
            throw new FormatException($"a masked input has {p.Elements} elements (the model's {p.Dimension} and the weight), not {count}");
        }

        var packed = r.Take(p.Elements * p.ElementBytes);
        r.End();
        return RingVector.IsCanonical(packed, p.ElementBytes, p.Bits)
            ? packed
            : throw new FormatException($"a masked input element is wider than {p.Bits} bits");
    }
}
