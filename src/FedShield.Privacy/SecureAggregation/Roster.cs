using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>One member of a client's group as the server relays it at stage 1.</summary>
/// <param name="ClientId">The member.</param>
/// <param name="Point">Its Shamir evaluation point (its index among the selected clients plus one).</param>
/// <param name="EncryptionKey">Its public key for share encryption.</param>
/// <param name="MaskKey">Its public key for pairwise masks.</param>
internal sealed record RosterEntry(int ClientId, int Point, byte[] EncryptionKey, byte[] MaskKey);

/// <summary>The stage-1 payload: the threshold and the client's group (itself included), in ascending id order.</summary>
internal sealed record Roster(int Threshold, IReadOnlyList<RosterEntry> Entries)
{
    private const int EntryBytes = 8 + KeyAdvertisement.EncodedLength;

    public byte[] Encode()
    {
        var bytes = new byte[8 + (Entries.Count * EntryBytes)];
        var w = new WireWriter(bytes);
        w.Int32(Threshold);
        w.Int32(Entries.Count);
        foreach (var e in Entries)
        {
            w.Int32(e.ClientId);
            w.Int32(e.Point);
            w.Bytes(e.EncryptionKey);
            w.Bytes(e.MaskKey);
        }

        w.End();
        return bytes;
    }

    /// <summary>Decodes and checks the structure: ascending distinct ids, distinct points in [1, <paramref name="selected"/>], valid keys.</summary>
    /// <exception cref="FormatException">The payload is malformed.</exception>
    public static Roster Decode(ReadOnlySpan<byte> payload, int selected)
    {
        var r = new WireReader(payload, "group roster");
        var threshold = r.Int32();
        var count = r.Count(EntryBytes, "group members");
        if (count < 2 || count > selected)
        {
            throw new FormatException($"a group has 2 to {selected} members (the selected clients), not {count}");
        }

        var entries = new RosterEntry[count];
        var points = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var id = r.Int32();
            var point = r.Int32();
            var c = r.Take(AgreementKey.PublicKeyBytes).ToArray();
            var s = r.Take(AgreementKey.PublicKeyBytes).ToArray();
            if (i > 0 && id <= entries[i - 1].ClientId)
            {
                throw new FormatException($"group members must be in ascending id order without repeats; {id} follows {entries[i - 1].ClientId}");
            }

            if (point < 1 || point > selected || !points.Add(point))
            {
                throw new FormatException($"member {id} has evaluation point {point}; points are distinct and within [1, {selected}]");
            }

            entries[i] = new RosterEntry(id, point, c, s);
        }

        r.End();
        return new Roster(threshold, entries);
    }
}
