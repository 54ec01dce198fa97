namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// The stage-3 payload: the members of the client's group whose masked input arrived (their
/// self-mask seeds are wanted) and those that dropped after sharing keys (their mask keys are
/// wanted), each list ascending.
/// </summary>
internal sealed record UnmaskRequest(int[] Survivors, int[] Dropped)
{
    public byte[] Encode()
    {
        var bytes = new byte[8 + (4 * (Survivors.Length + Dropped.Length))];
        var w = new WireWriter(bytes);
        w.Int32(Survivors.Length);
        foreach (var id in Survivors)
        {
            w.Int32(id);
        }

        w.Int32(Dropped.Length);
        foreach (var id in Dropped)
        {
            w.Int32(id);
        }

        w.End();
        return bytes;
    }

    /// <exception cref="FormatException">Malformed, or a list is not strictly ascending.</exception>
    public static UnmaskRequest Decode(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "unmasking request");
        var survivors = ReadIds(ref r, "survivors");
        var dropped = ReadIds(ref r, "dropped clients");
        r.End();
        return new UnmaskRequest(survivors, dropped);
    }

    private static int[] ReadIds(ref WireReader r, string what)
    {
        var ids = new int[r.Count(4, what)];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = r.Int32();
            if (i > 0 && ids[i] <= ids[i - 1])
            {
                throw new FormatException($"the {what} must be listed in ascending order without repeats; {ids[i]} follows {ids[i - 1]}");
            }
        }

        return ids;
    }
}
