using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>Which secret a revealed share belongs to.</summary>
internal enum ShareKind : byte
{
    /// <summary>A share of a survivor's self-mask seed b_u.</summary>
    SelfMaskSeed = 0,

    /// <summary>A share of a dropped client's mask private key s_u.</summary>
    MaskKey = 1,
}

/// <summary>One revealed share in a client's stage-3 answer.</summary>
internal readonly record struct ShareEntry(int OwnerId, ShareKind Kind, ShamirShare Share)
{
    public static int EntryBytes => 5 + SecAggContext.ShareBytes;

    public static byte[] EncodeList(IReadOnlyList<ShareEntry> entries)
    {
        var bytes = new byte[4 + (entries.Count * EntryBytes)];
        var w = new WireWriter(bytes);
        w.Int32(entries.Count);
        foreach (var e in entries)
        {
            w.Int32(e.OwnerId);
            w.Byte((byte)e.Kind);
            e.Share.WriteTo(w.Take(SecAggContext.ShareBytes));
        }

        w.End();
        return bytes;
    }

    /// <exception cref="FormatException">Malformed: bad counts, kinds or shares.</exception>
    public static ShareEntry[] DecodeList(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "revealed shares");
        var entries = new ShareEntry[r.Count(EntryBytes, "shares")];
        for (var i = 0; i < entries.Length; i++)
        {
            var owner = r.Int32();
            var kind = r.Byte();
            if (kind > 1)
            {
                throw new FormatException($"unknown share kind {kind} for client {owner}");
            }

            entries[i] = new ShareEntry(owner, (ShareKind)kind, ShamirShare.Read(r.Take(SecAggContext.ShareBytes), SecAggContext.SecretChunks));
        }

        r.End();
        return entries;
    }
}
