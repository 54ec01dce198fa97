using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.Niss;

/// <summary>A neighbour as the server announces it: its id and its round key.</summary>
internal readonly record struct NissPeer(int Id, byte[] PublicKey);

/// <summary>A sealed bundle of noise shares and the client at the other end (recipient when sent, sender when relayed).</summary>
internal readonly record struct NissBox(int Peer, byte[] Box);

/// <summary>A relayed box with its sender's round key, as a recipient gets it.</summary>
internal readonly record struct NissRelayed(int Sender, byte[] SenderKey, byte[] Box);

/// <summary>
/// NISS's payloads, little-endian:
/// <list type="bullet">
/// <item>stage 1 (train), server → client: clip bound (double; 0 = none) · client → server: public key (65 bytes), sample count (int64).</item>
/// <item>stage 2 (share), server → client: weight p_k (double), n (int32), n × (id int32, public key 65) · client → server: n (int32), n × (recipient int32, length int32, box).</item>
/// <item>stage 3 (upload), server → client: n (int32), n × (sender int32, public key 65, length int32, box) · client → server: r (int32), r × rejected sender (int32), d (int32), d × float32.</item>
/// <item>a box's plaintext: k × (seed 32 bytes, standard deviation double); its associated data binds protocol, round, sender and recipient.</item>
/// </list>
/// </summary>
internal static class NissWire
{
    public const string Protocol = "niss";
    public const int TrainStage = 1;
    public const int ShareStage = 2;
    public const int UploadStage = 3;

    /// <summary>Bytes of one share in a box's plaintext: seed and standard deviation.</summary>
    public const int ShareBytes = Prg.SeedBytes + sizeof(double);

    /// <summary>HKDF context of the key that seals shares between two clients.</summary>
    public static ReadOnlySpan<byte> KeyPurpose => "fedshield/niss/v1/share-key"u8;

    private static ReadOnlySpan<byte> Domain => "fedshield/niss/v1"u8;

    public static byte[] AssociatedData(int round, int sender, int recipient)
    {
        var ad = new byte[Domain.Length + 12];
        Domain.CopyTo(ad);
        var rest = ad.AsSpan(Domain.Length);
        BinaryPrimitives.WriteInt32LittleEndian(rest, round);
        BinaryPrimitives.WriteInt32LittleEndian(rest[4..], sender);
        BinaryPrimitives.WriteInt32LittleEndian(rest[8..], recipient);
        return ad;
    }

    public static byte[] EncodeTrain(double clipBound)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(payload, clipBound);
        return payload;
    }

    /// <summary>The announced clip bound, or null for none.</summary>
    public static double? DecodeTrain(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "NISS training message");
        var clip = r.ReadDouble("clip bound");
        r.End();
        if (clip == 0)
        {
            return null;
        }

        return clip > 0 && double.IsFinite(clip) ? clip : throw new InvalidDataException($"NISS training message: clip bound {clip} is neither 0 (none) nor positive and finite");
    }

    public static byte[] EncodeKeys(ReadOnlySpan<byte> publicKey, long samples)
    {
        var payload = new byte[AgreementKey.PublicKeyBytes + 8];
        publicKey.CopyTo(payload);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(AgreementKey.PublicKeyBytes), samples);
        return payload;
    }

    public static (byte[] PublicKey, long Samples) DecodeKeys(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "NISS key reply");
        var key = r.ReadBytes(AgreementKey.PublicKeyBytes, "public key").ToArray();
        var samples = r.ReadInt64("sample count");
        r.End();
        if (samples <= 0)
        {
            throw new InvalidDataException($"NISS key reply: sample count {samples}; expected a positive count");
        }

        try
        {
            AgreementKey.Validate(key);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("NISS key reply: " + ex.Message, ex);
        }

        return (key, samples);
    }

    public static byte[] EncodeNeighbours(double weight, IReadOnlyList<NissPeer> peers)
    {
        var payload = new byte[8 + 4 + (peers.Count * (4 + AgreementKey.PublicKeyBytes))];
        var w = payload.AsSpan();
        BinaryPrimitives.WriteDoubleLittleEndian(w, weight);
        BinaryPrimitives.WriteInt32LittleEndian(w[8..], peers.Count);
        w = w[12..];
        foreach (var p in peers)
        {
            BinaryPrimitives.WriteInt32LittleEndian(w, p.Id);
            p.PublicKey.CopyTo(w[4..]);
            w = w[(4 + AgreementKey.PublicKeyBytes)..];
        }

        return payload;
    }

    /// <summary>The weight p_k and the neighbours; checks p_k ∈ (0, 1] and that no neighbour repeats or is <paramref name="self"/>.</summary>
    public static (double Weight, NissPeer[] Peers) DecodeNeighbours(ReadOnlySpan<byte> payload, int self)
    {
        const string what = "NISS neighbour message";
        var r = new WireReader(payload, what);
        var weight = r.ReadDouble("weight");
        if (!(weight > 0 && weight <= 1))
        {
            throw new InvalidDataException($"{what}: weight p_k = {weight}; expected a value in (0, 1]");
        }

        var n = r.ReadCount("neighbour count", int.MaxValue, 4 + AgreementKey.PublicKeyBytes);
        var peers = new NissPeer[n];
        var seen = new HashSet<int>();
        for (var i = 0; i < n; i++)
        {
            var id = r.ReadInt32("neighbour id");
            if (id == self || !seen.Add(id))
            {
                throw new InvalidDataException($"{what}: neighbour {id} is {(id == self ? "this client itself" : "listed twice")}");
            }

            peers[i] = new NissPeer(id, r.ReadBytes(AgreementKey.PublicKeyBytes, "neighbour key").ToArray());
        }

        r.End();
        return (weight, peers);
    }

    public static byte[] EncodeBoxes(IReadOnlyList<NissBox> boxes)
    {
        var size = 4L;
        foreach (var b in boxes)
        {
            size += 8 + b.Box.Length;
        }

        var payload = new byte[size];
        var w = payload.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(w, boxes.Count);
        w = w[4..];
        foreach (var b in boxes)
        {
            BinaryPrimitives.WriteInt32LittleEndian(w, b.Peer);
            BinaryPrimitives.WriteInt32LittleEndian(w[4..], b.Box.Length);
            b.Box.CopyTo(w[8..]);
            w = w[(8 + b.Box.Length)..];
        }

        return payload;
    }

    public static NissBox[] DecodeBoxes(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "NISS share reply");
        var n = r.ReadCount("box count", int.MaxValue, 8);
        var boxes = new NissBox[n];
        for (var i = 0; i < n; i++)
        {
            var peer = r.ReadInt32("recipient");
            var length = r.ReadInt32("box length");
            boxes[i] = new NissBox(peer, r.ReadBytes(length, "box").ToArray());
        }

        r.End();
        return boxes;
    }

    public static byte[] EncodeInbox(IReadOnlyList<NissRelayed> inbox)
    {
        var size = 4L;
        foreach (var b in inbox)
        {
            size += 8 + AgreementKey.PublicKeyBytes + b.Box.Length;
        }

        var payload = new byte[size];
        var w = payload.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(w, inbox.Count);
        w = w[4..];
        foreach (var b in inbox)
        {
            BinaryPrimitives.WriteInt32LittleEndian(w, b.Sender);
            b.SenderKey.CopyTo(w[4..]);
            BinaryPrimitives.WriteInt32LittleEndian(w[(4 + AgreementKey.PublicKeyBytes)..], b.Box.Length);
            w = w[(8 + AgreementKey.PublicKeyBytes)..];
            b.Box.CopyTo(w);
            w = w[b.Box.Length..];
        }

        return payload;
    }

    /// <summary>The relayed boxes; checks that no sender repeats or is <paramref name="self"/>.</summary>
    public static NissRelayed[] DecodeInbox(ReadOnlySpan<byte> payload, int self)
    {
        const string what = "NISS relay message";
        var r = new WireReader(payload, what);
        var n = r.ReadCount("box count", int.MaxValue, 8 + AgreementKey.PublicKeyBytes);
        var inbox = new NissRelayed[n];
        var seen = new HashSet<int>();
        for (var i = 0; i < n; i++)
        {
            var sender = r.ReadInt32("sender");
            if (sender == self || !seen.Add(sender))
            {
                throw new InvalidDataException($"{what}: sender {sender} is {(sender == self ? "this client itself" : "listed twice")}");
            }

            var key = r.ReadBytes(AgreementKey.PublicKeyBytes, "sender key").ToArray();
            var length = r.ReadInt32("box length");
            inbox[i] = new NissRelayed(sender, key, r.ReadBytes(length, "box").ToArray());
        }

        r.End();
        return inbox;
    }

    public static byte[] EncodeUpload(IReadOnlyList<int> rejected, ReadOnlySpan<float> values)
    {
        var payload = new byte[4 + (4 * rejected.Count) + 4 + (4L * values.Length)];
        var w = payload.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(w, rejected.Count);
        w = w[4..];
        foreach (var id in rejected)
        {
            BinaryPrimitives.WriteInt32LittleEndian(w, id);
            w = w[4..];
        }

        BinaryPrimitives.WriteInt32LittleEndian(w, values.Length);
        w = w[4..];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(w);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(w[(4 * i)..], values[i]);
            }
        }

        return payload;
    }

    /// <summary>
    /// The senders whose boxes the client rejected; the upload (as many finite floats as
    /// <paramref name="values"/> holds) is written into <paramref name="values"/>.
    /// </summary>
    public static int[] DecodeUpload(ReadOnlySpan<byte> payload, Span<float> values)
    {
        const string what = "NISS upload";
        var r = new WireReader(payload, what);
        var n = r.ReadCount("rejected count", int.MaxValue, 4);
        var rejected = new int[n];
        for (var i = 0; i < n; i++)
        {
            rejected[i] = r.ReadInt32("rejected sender");
        }

        var d = r.ReadInt32("length");
        if (d != values.Length)
        {
            throw new InvalidDataException($"{what}: {d} values; the model has {values.Length}");
        }

        var bytes = r.ReadBytes(checked(4 * d), "values");
        r.End();
        for (var i = 0; i < d; i++)
        {
            var v = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
            if (!float.IsFinite(v))
            {
                throw new InvalidDataException($"{what}: non-finite value {v} at index {i}");
            }

            values[i] = v;
        }

        return rejected;
    }

    public static string Describe(int stage) => stage switch
    {
        TrainStage => "training/key",
        ShareStage => "share",
        UploadStage => "upload",
        _ => "stage " + stage.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
