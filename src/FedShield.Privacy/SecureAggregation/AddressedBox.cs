namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// A sealed pair of shares travelling between two clients through the server: addressed to
/// <paramref name="PeerId"/> in a client's stage-1 answer, from <paramref name="PeerId"/> in the stage-2 payload.
/// </summary>
internal readonly record struct AddressedBox(int PeerId, byte[] Box)
{
    /// <summary>Encodes a list of boxes, all of <see cref="SecAggContext.BoxBytes"/> bytes.</summary>
    public static byte[] EncodeList(IReadOnlyList<AddressedBox> boxes)
    {
        var bytes = new byte[4 + (boxes.Count * (4 + SecAggContext.BoxBytes))];
        var w = new WireWriter(bytes);
        w.Int32(boxes.Count);
        foreach (var b in boxes)
        {
            w.Int32(b.PeerId);
            w.Bytes(b.Box);
        }

        w.End();
        return bytes;
    }

    /// <summary>Decodes a list of boxes; each peer at most once.</summary>
    /// <exception cref="FormatException">The payload is malformed or names a peer twice.</exception>
    public static AddressedBox[] DecodeList(ReadOnlySpan<byte> payload, string what)
    {
        var r = new WireReader(payload, what);
        var count = r.Count(4 + SecAggContext.BoxBytes, "boxes");
        var boxes = new AddressedBox[count];
        var peers = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var peer = r.Int32();
            if (!peers.Add(peer))
            {
                throw new FormatException($"{what} names client {peer} twice");
            }

            boxes[i] = new AddressedBox(peer, r.Take(SecAggContext.BoxBytes).ToArray());
        }

        r.End();
        return boxes;
    }
}
