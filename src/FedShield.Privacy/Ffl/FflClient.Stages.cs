using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.Ffl;

public sealed partial class FflClient
{
    /// <summary>Per-participant overhead of a round outside training: local reputation and EXCHANGE_FRAGMENTS (Table V's "Mix.").</summary>
    public const string OverheadMetric = "ffl.client_overhead_seconds";

    private static readonly byte[] Label = Encoding.ASCII.GetBytes("fedshield ffl fragments");

    private async Task<ClientReply> TrainAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        var (own, registry, board, serverKey, reputation, layers) = FflWire.DecodeTrain(message.Payload.Span, message.Fit?.Weights.Length ?? 0);
        if (!board.Any(p => p.AsSpan().SequenceEqual(own)))
        {
            throw new InvalidDataException("the public board does not list this participant");
        }

        EndRound();
        _lastRound = message.Round;
        var fit = message.Fit!;
        var trained = await TrainOneAsync(_inner, fit, cancellationToken).ConfigureAwait(false);
        if (trained.Failure is { } failure)
        {
            return failure;
        }

        var sent = trained.Words!;
        var ownWords = sent;
        if (_clean is not null)
        {
            var clean = await TrainOneAsync(_clean, fit, cancellationToken).ConfigureAwait(false);
            if (clean.Failure is { } cleanFailure)
            {
                return cleanFailure;
            }

            ownWords = clean.Words!;
        }

        var start = _time.GetTimestamp();
        var acceptable = Acceptable(own, registry, board, reputation);
        _state = new RoundState(message.Round, own, board, serverKey, ownWords, sent, trained.Samples)
        {
            Acceptable = acceptable,
            Layers = layers,
            Overhead = _time.GetElapsedTime(start),
        };
        return new ProtocolReply(Id, message.Round, FflWire.Protocol, FflWire.TrainStage, FflWire.EncodeTrainReply(trained.Samples, acceptable), trained.Metrics!);
    }

    /// <summary>Trains and returns d_k·Δ_k as IEEE-754 words (line 34 of Protocol 1, on the update as a delta).</summary>
    private async Task<(ClientFailure? Failure, uint[]? Words, long Samples, MetricSet? Metrics)> TrainOneAsync(Federation.Transport.IFederatedClient client, FitInstruction fit, CancellationToken cancellationToken)
    {
        var reply = await client.FitAsync(fit, cancellationToken).ConfigureAwait(false);
        if (reply is ClientFailure failure)
        {
            return (failure, null, 0, null);
        }

        if (reply is not ClientUpdate update || update.Round != fit.Round || update.Values is null || update.Values.Length != fit.Weights.Length || update.SampleCount <= 0)
        {
            return (new ClientFailure(Id, fit.Round, FailureKind.Error, $"client {Id}'s training returned no usable update for round {fit.Round} ({reply.GetType().Name})"), null, 0, null);
        }

        var delta = update.Values;
        var w = fit.Weights.Span;
        float scale = update.SampleCount;
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = (update.Kind == UpdateKind.Weights ? delta[i] - w[i] : delta[i]) * scale;
        }

        var words = FflMixing.Bits(delta);
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(delta.AsSpan()));
        return (null, words, update.SampleCount, update.Metrics);
    }

    /// <summary>
    /// The board's participants whose local reputation is at least the first quartile of ζ_k (which has an
    /// entry, 0 until they exchange, for each of the K − 1 others). The paper's choice uses "greater than",
    /// which admits no one while every ζ is 0; "at least" is its acceptance rule and admits everyone then.
    /// Without the reputation defence every other participant on the board is acceptable.
    /// </summary>
    private byte[][] Acceptable(byte[] own, int registry, byte[][] board, bool reputation)
    {
        var others = board.Where(p => !p.AsSpan().SequenceEqual(own)).ToArray();
        if (!reputation)
        {
            return others;
        }

        var known = _zeta.Values.Take(registry - 1).ToList();
        known.AddRange(Enumerable.Repeat(0.0, Math.Max(0, registry - 1 - known.Count)));
        var q1 = FflReputation.FirstQuartile([.. known]);
        return [.. others.Where(p => _zeta.GetValueOrDefault(Convert.ToHexString(p)) >= q1)];
    }

    private ProtocolReply Initiate(ProtocolMessage message)
    {
        var state = _state!;
        var partner = FflWire.DecodePartner(message.Payload.Span);
        state.SetPartner(partner, initiator: true);
        var encrypted = FflServerKey.EncryptSeed(state.ServerKey, state.Round, partner, state.PadSeed);
        state.Stage = FflWire.InitiateStage;
        return Reply(message, FflWire.EncodeInitiateReply(ModpGroup14.PublicValue(state.Exponent), encrypted));
    }

    private ProtocolReply Accept(ProtocolMessage message)
    {
        var state = _state!;
        var (partner, dh, partnerSeed) = FflWire.DecodeAccept(message.Payload.Span);
        state.SetPartner(partner, initiator: false);
        state.Agree(dh, state.Layers);
        state.UploadSeed = partnerSeed;
        var box = SealedBox.Seal(state.ChannelKey, Fragments(state), Binding(state, FflWire.AcceptStage, state.Own, partner));
        var encrypted = FflServerKey.EncryptSeed(state.ServerKey, state.Round, partner, state.PadSeed);
        state.Stage = FflWire.AcceptStage;
        return Reply(message, FflWire.EncodeKeyedBox(ModpGroup14.PublicValue(state.Exponent), encrypted, box));
    }

    private ProtocolReply MixAsInitiator(ProtocolMessage message)
    {
        var state = _state!;
        var (dh, partnerSeed, box) = FflWire.DecodeKeyedBox(message.Payload.Span, state.Sent.Length, "FFL mix message");
        state.Agree(dh, state.Layers);
        var (upload, seed) = Upload(state, Open(state, box, FflWire.AcceptStage), partnerSeed);
        var reply = SealedBox.Seal(state.ChannelKey, Fragments(state), Binding(state, FflWire.MixStage, state.Own, state.Partner!));
        state.Stage = FflWire.MixStage;
        return Reply(message, FflWire.EncodeMixReply(upload, seed, reply));
    }

    private ProtocolReply MixAsAcceptor(ProtocolMessage message)
    {
        var state = _state!;
        var box = FflWire.DecodeBox(message.Payload.Span, state.Sent.Length);
        var (upload, seed) = Upload(state, Open(state, box, FflWire.MixStage), state.UploadSeed!);
        state.Stage = FflWire.FinishStage;
        return Reply(message, FflWire.EncodeUpload(upload, seed));
    }

    private ProtocolReply Feedback(ProtocolMessage message)
    {
        var state = _state!;
        var feedback = FflWire.DecodeFeedback(message.Payload.Span);
        var key = Convert.ToHexString(state.Partner!);
        _zeta[key] = _zeta.GetValueOrDefault(key) + feedback;
        state.Stage = FflWire.FeedbackStage;
        return Reply(message, []);
    }

    private ProtocolReply Reply(ProtocolMessage message, byte[] payload) =>
        new(Id, message.Round, FflWire.Protocol, message.Stage, payload, MetricSet.Empty);

    /// <summary>A = W ⊕ r ⊕ ρ and B = (W ⊙ ¬m) ⊕ ρ from the update this participant exchanges.</summary>
    private static byte[] Fragments(RoundState state)
    {
        var r = FflMixing.Pad(state.PadSeed, state.Sent.Length);
        var rho = FflMixing.Pad(state.BlindSeed, state.Sent.Length);
        try
        {
            return FflMixing.Fragments(state.Sent, r, rho, state.Mask!);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(r.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(rho.AsSpan()));
        }
    }

    private static byte[] Open(RoundState state, byte[] box, int stage)
    {
        try
        {
            return SealedBox.Open(state.ChannelKey!, box, Binding(state, stage, state.Partner!, state.Own));
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException("the partner's fragments fail authentication (tampered, replayed or not from the partner)", ex);
        }
    }

    /// <summary>
    /// The mixed update under the partner's pad, with the partner's encrypted seed; a strategy-2 attacker
    /// sends its whole poisoned update under a pad of its own instead.
    /// </summary>
    private (uint[] Upload, byte[] Seed) Upload(RoundState state, byte[] fragments, byte[] partnerSeed)
    {
        try
        {
            if (Strategy == FflAttackerStrategy.UploadPoisoned)
            {
                var seed = Prg.NewSeed();
                var upload = (uint[])state.Sent.Clone();
                FflMixing.Unpad(upload, FflMixing.Pad(seed, upload.Length));
                var encrypted = FflServerKey.EncryptSeed(state.ServerKey, state.Round, state.Own, seed);
                CryptographicOperations.ZeroMemory(seed);
                return (upload, encrypted);
            }

            return (FflMixing.Mix(state.OwnWords, state.Mask!, fragments), partnerSeed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fragments);
        }
    }

    /// <summary>Associated data of a relayed box: protocol, round, stage, sender and recipient.</summary>
    private static byte[] Binding(RoundState state, int stage, byte[] sender, byte[] recipient)
    {
        var ad = new byte[Label.Length + 8 + (2 * FflWire.PseudonymBytes)];
        Label.CopyTo(ad, 0);
        BinaryPrimitives.WriteInt32LittleEndian(ad.AsSpan(Label.Length), state.Round);
        BinaryPrimitives.WriteInt32LittleEndian(ad.AsSpan(Label.Length + 4), stage);
        sender.CopyTo(ad, Label.Length + 8);
        recipient.CopyTo(ad, Label.Length + 8 + FflWire.PseudonymBytes);
        return ad;
    }

    /// <summary>One round's secrets: zeroed when the round ends.</summary>
    private sealed class RoundState(int round, byte[] own, byte[][] board, byte[] serverKey, uint[] ownWords, uint[] sent, long samples) : IDisposable
    {
        public int Round { get; } = round;

        public int Stage { get; set; } = FflWire.TrainStage;

        public byte[] Own { get; } = own;

        public byte[][] Board { get; } = board;

        public byte[] ServerKey { get; } = serverKey;

        public uint[] OwnWords { get; } = ownWords;

        public uint[] Sent { get; } = sent;

        public long Samples { get; } = samples;

        public byte[][] Acceptable { get; init; } = [];

        public TimeSpan Overhead { get; set; }

        public byte[]? Partner { get; private set; }

        public BigInteger Exponent { get; private set; }

        public byte[] PadSeed { get; } = Prg.NewSeed();

        public byte[] BlindSeed { get; } = Prg.NewSeed();

        public byte[]? ChannelKey { get; private set; }

        public uint[]? Mask { get; private set; }

        public byte[]? UploadSeed { get; set; }

        public IReadOnlyList<int> Layers { get; init; } = [];

        /// <summary>Fixes the partner; an acceptor refuses a requester below the first quartile of its ζ (line 40).</summary>
        public void SetPartner(byte[] partner, bool initiator)
        {
            if (partner.AsSpan().SequenceEqual(Own) || !Board.Any(p => p.AsSpan().SequenceEqual(partner)))
            {
                throw new InvalidDataException("the partner is this participant or not on the public board");
            }

            if (!Acceptable.Any(p => p.AsSpan().SequenceEqual(partner)))
            {
                throw new InvalidDataException(initiator
                    ? "the server paired it with a participant it did not choose"
                    : "it refuses the exchange: the requester's local reputation is below its first quartile");
            }

            Partner = partner;
            Exponent = ModpGroup14.NewExponent();
        }

        /// <summary>g^ab from the partner's value; the mask and the channel key from it.</summary>
        public void Agree(byte[] partnerPublic, IReadOnlyList<int> layers)
        {
            var secret = ModpGroup14.SharedSecret(Exponent, partnerPublic);
            try
            {
                Mask = FflMixing.Mask(secret, Round, layers);
                ChannelKey = FflMixing.ChannelKey(secret, Round);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }

        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(PadSeed);
            CryptographicOperations.ZeroMemory(BlindSeed);
            CryptographicOperations.ZeroMemory(ChannelKey);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(OwnWords.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(Sent.AsSpan()));
            if (Mask is not null)
            {
                CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(Mask.AsSpan()));
            }

            Exponent = BigInteger.Zero;
        }
    }
}
