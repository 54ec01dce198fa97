using System.Buffers.Binary;
using FedShield.Privacy.Crypto;
using FedShield.Privacy.Niss;

namespace FedShield.Privacy.Ffl;

/// <summary>
/// The byte layout of FFL's messages (little-endian integers). Stages: 0 train (the public board out,
/// the acceptable partners back), 1 initiate (g^a and Enc_pkA(s_rk) back), 2 accept (relayed to the
/// acceptor; g^b, Enc_pkA(s_rj) and its sealed fragments back), 3 mix (relayed to the initiator; its
/// upload and sealed fragments back), 4 finish (relayed to the acceptor; its upload back), 5 feedback.
/// </summary>
internal static class FflWire
{
    public const string Protocol = "ffl";
    public const int TrainStage = 0;
    public const int InitiateStage = 1;
    public const int AcceptStage = 2;
    public const int MixStage = 3;
    public const int FinishStage = 4;
    public const int FeedbackStage = 5;
    public const int PseudonymBytes = 16;
    public const int MaxBoard = 1 << 20;
    public const int MaxKeyBytes = 4096;
    public const int DhBytes = ModpGroup14.ElementBytes;
    public const int SeedBytes = FflServerKey.EncryptedSeedBytes;

    public static string Describe(int stage) => stage switch
    {
        TrainStage => "training",
        InitiateStage => "initiate",
        AcceptStage => "accept",
        MixStage => "mix",
        FinishStage => "finish",
        FeedbackStage => "feedback",
        _ => $"unknown ({stage})",
    };

    // Stage 0, server -> participant.
    public static byte[] EncodeTrain(byte[] own, int registry, IReadOnlyList<byte[]> board, byte[] serverKey, bool reputation, IReadOnlyList<int> layers)
    {
        var buffer = new byte[PseudonymBytes + 4 + 4 + (board.Count * PseudonymBytes) + 4 + serverKey.Length + 1 + 4 + (4 * layers.Count)];
        var w = new Writer(buffer);
        w.Bytes(own);
        w.Int32(registry);
        w.Int32(board.Count);
        foreach (var p in board)
        {
            w.Bytes(p);
        }

        w.Int32(serverKey.Length);
        w.Bytes(serverKey);
        w.Byte(reputation ? (byte)1 : (byte)0);
        w.Int32(layers.Count);
        foreach (var n in layers)
        {
            w.Int32(n);
        }

        return buffer;
    }

    public static (byte[] Own, int Registry, byte[][] Board, byte[] ServerKey, bool Reputation, int[] Layers) DecodeTrain(ReadOnlySpan<byte> payload, int dimension)
    {
        var r = new WireReader(payload, "FFL training message");
        var own = r.ReadBytes(PseudonymBytes, "pseudonym").ToArray();
        var registry = r.ReadInt32("registry size");
        var count = r.ReadCount("board size", MaxBoard, PseudonymBytes);
        if (registry < count || registry < 2)
        {
            throw new InvalidDataException($"FFL training message: the registry of {registry} participants cannot hold a board of {count}");
        }

        var board = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            board[i] = r.ReadBytes(PseudonymBytes, "board pseudonym").ToArray();
        }

        var keyLength = r.ReadCount("server key length", MaxKeyBytes, 1);
        var key = r.ReadBytes(keyLength, "server key").ToArray();
        var flag = r.ReadBytes(1, "reputation flag")[0];
        var layerCount = r.ReadCount("layer count", Math.Max(dimension, 1), 4);
        var layers = new int[layerCount];
        long total = 0;
        for (var i = 0; i < layerCount; i++)
        {
            layers[i] = r.ReadInt32("layer size");
            total += layers[i];
            if (layers[i] <= 0)
            {
                throw new InvalidDataException($"FFL training message: layer {i} has {layers[i]} parameters");
            }
        }

        r.End();
        if (total != dimension)
        {
            throw new InvalidDataException($"FFL training message: the layers hold {total} parameters but the model has {dimension}");
        }

        return (own, registry, board, key, flag != 0, layers);
    }

    // Stage 0, participant -> server.
    public static byte[] EncodeTrainReply(long samples, IReadOnlyList<byte[]> acceptable)
    {
        var buffer = new byte[8 + 4 + (acceptable.Count * PseudonymBytes)];
        var w = new Writer(buffer);
        w.Int64(samples);
        w.Int32(acceptable.Count);
        foreach (var p in acceptable)
        {
            w.Bytes(p);
        }

        return buffer;
    }

    public static (long Samples, byte[][] Acceptable) DecodeTrainReply(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "FFL training reply");
        var samples = r.ReadInt64("sample count");
        if (samples <= 0)
        {
            throw new InvalidDataException($"FFL training reply: sample count {samples}; expected a positive count");
        }

        var count = r.ReadCount("acceptable partners", MaxBoard, PseudonymBytes);
        var list = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            list[i] = r.ReadBytes(PseudonymBytes, "partner pseudonym").ToArray();
        }

        r.End();
        return (samples, list);
    }

    // Stage 1, server -> initiator: the partner's pseudonym; reply: g^a | Enc(s_rk).
    public static byte[] EncodeInitiateReply(byte[] dh, byte[] encSeed) => [.. dh, .. encSeed];

    public static (byte[] Dh, byte[] EncSeed) DecodeInitiateReply(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "FFL initiate reply");
        var dh = r.ReadBytes(DhBytes, "Diffie-Hellman value").ToArray();
        var seed = r.ReadBytes(SeedBytes, "encrypted seed").ToArray();
        r.End();
        return (dh, seed);
    }

    public static byte[] DecodePartner(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "FFL initiate message");
        var partner = r.ReadBytes(PseudonymBytes, "partner pseudonym").ToArray();
        r.End();
        return partner;
    }

    // Stage 2, server -> acceptor: partner | g^a | Enc(s_rk).
    public static byte[] EncodeAccept(byte[] partner, byte[] dh, byte[] encSeed) => [.. partner, .. dh, .. encSeed];

    public static (byte[] Partner, byte[] Dh, byte[] EncSeed) DecodeAccept(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "FFL accept message");
        var partner = r.ReadBytes(PseudonymBytes, "partner pseudonym").ToArray();
        var dh = r.ReadBytes(DhBytes, "Diffie-Hellman value").ToArray();
        var seed = r.ReadBytes(SeedBytes, "encrypted seed").ToArray();
        r.End();
        return (partner, dh, seed);
    }

    // Stage 2 reply and stage 3 message: g^b | Enc(s_rj) | sealed fragments.
    public static byte[] EncodeKeyedBox(byte[] dh, byte[] encSeed, byte[] box)
    {
        var buffer = new byte[DhBytes + SeedBytes + 4 + box.Length];
        var w = new Writer(buffer);
        w.Bytes(dh);
        w.Bytes(encSeed);
        w.Int32(box.Length);
        w.Bytes(box);
        return buffer;
    }

    public static (byte[] Dh, byte[] EncSeed, byte[] Box) DecodeKeyedBox(ReadOnlySpan<byte> payload, int dimension, string what)
    {
        var r = new WireReader(payload, what);
        var dh = r.ReadBytes(DhBytes, "Diffie-Hellman value").ToArray();
        var seed = r.ReadBytes(SeedBytes, "encrypted seed").ToArray();
        var box = ReadBox(ref r, dimension);
        r.End();
        return (dh, seed, box);
    }

    // Stage 3 reply: upload | Enc(s_rj) | sealed fragments for the acceptor.
    public static byte[] EncodeMixReply(ReadOnlySpan<uint> upload, byte[] encSeed, byte[] box)
    {
        var buffer = new byte[(upload.Length * 4) + SeedBytes + 4 + box.Length];
        var w = new Writer(buffer);
        w.Words(upload);
        w.Bytes(encSeed);
        w.Int32(box.Length);
        w.Bytes(box);
        return buffer;
    }

    public static (uint[] Upload, byte[] EncSeed, byte[] Box) DecodeMixReply(ReadOnlySpan<byte> payload, int dimension)
    {
        var r = new WireReader(payload, "FFL mix reply");
        var upload = ReadWords(ref r, dimension, "encrypted mixed update");
        var seed = r.ReadBytes(SeedBytes, "encrypted seed").ToArray();
        var box = ReadBox(ref r, dimension);
        r.End();
        return (upload, seed, box);
    }

    // Stage 4 message: the initiator's sealed fragments; reply: upload | Enc(s_rk).
    public static byte[] EncodeBox(byte[] box)
    {
        var buffer = new byte[4 + box.Length];
        var w = new Writer(buffer);
        w.Int32(box.Length);
        w.Bytes(box);
        return buffer;
    }

    public static byte[] DecodeBox(ReadOnlySpan<byte> payload, int dimension)
    {
        var r = new WireReader(payload, "FFL finish message");
        var box = ReadBox(ref r, dimension);
        r.End();
        return box;
    }

    public static byte[] EncodeUpload(ReadOnlySpan<uint> upload, byte[] encSeed)
    {
        var buffer = new byte[(upload.Length * 4) + SeedBytes];
        var w = new Writer(buffer);
        w.Words(upload);
        w.Bytes(encSeed);
        return buffer;
    }

    public static (uint[] Upload, byte[] EncSeed) DecodeUpload(ReadOnlySpan<byte> payload, int dimension)
    {
        var r = new WireReader(payload, "FFL finish reply");
        var upload = ReadWords(ref r, dimension, "encrypted mixed update");
        var seed = r.ReadBytes(SeedBytes, "encrypted seed").ToArray();
        r.End();
        return (upload, seed);
    }

    // Stage 5: sim_k − Q1(sim) for the participant's local reputation of its partner.
    public static byte[] EncodeFeedback(double feedback)
    {
        var buffer = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(buffer, feedback);
        return buffer;
    }

    public static double DecodeFeedback(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "FFL feedback");
        var value = r.ReadDouble("feedback");
        r.End();
        if (!double.IsFinite(value))
        {
            throw new InvalidDataException($"FFL feedback: {value} is not a finite number");
        }

        return value;
    }

    /// <summary>Fragments A ‖ B of a d-parameter update, as sealed by <see cref="SealedBox"/>.</summary>
    public static int BoxBytes(int dimension) => (dimension * 8) + SealedBox.Overhead;

    private static byte[] ReadBox(ref WireReader r, int dimension)
    {
        var length = r.ReadInt32("sealed fragments length");
        if (length != BoxBytes(dimension))
        {
            throw new InvalidDataException($"sealed fragments of {length} bytes; expected {BoxBytes(dimension)} for {dimension} parameters");
        }

        return r.ReadBytes(length, "sealed fragments").ToArray();
    }

    private static uint[] ReadWords(ref WireReader r, int dimension, string field)
    {
        var bytes = r.ReadBytes(dimension * 4, field);
        var words = new uint[dimension];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
        }

        return words;
    }

    private ref struct Writer(Span<byte> buffer)
    {
        private Span<byte> _rest = buffer;

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_rest);
            _rest = _rest[value.Length..];
        }

        public void Byte(byte value)
        {
            _rest[0] = value;
            _rest = _rest[1..];
        }

        public void Int32(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_rest, value);
            _rest = _rest[4..];
        }

        public void Int64(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_rest, value);
            _rest = _rest[8..];
        }

        public void Words(ReadOnlySpan<uint> words)
        {
            foreach (var word in words)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(_rest, word);
                _rest = _rest[4..];
            }
        }
    }
}
