using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Privacy.Crypto;
using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Niss;

public sealed partial class NissClient
{
    /// <summary>Received shares may exceed the unit standard deviation by this relative hair (the rounding of v).</summary>
    private const double StdSlack = 1e-6;

    /// <summary>
    /// σ_k for weight p_k: the override, or the Gaussian mechanism's c·Δf_k/ε with Δf_k as
    /// <see cref="NissOptions.Sensitivity"/> says, for the clip bound actually applied.
    /// </summary>
    internal double NoiseStd(double weight, long samples, double clip) =>
        Options.NoiseStd ?? GaussianMechanism.NoiseStd(
            Options.Epsilon,
            Options.Delta,
            Options.Sensitivity == NissSensitivity.Client
                ? weight * 2 * clip
                : weight * GaussianMechanism.LocalTrainingSensitivity(clip, samples));

    private async Task<ClientReply> TrainAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        var announced = NissWire.DecodeTrain(message.Payload.Span);
        EndRound();
        _lastRound = message.Round;
        var fit = message.Fit!;
        var reply = await _inner.FitAsync(fit, cancellationToken).ConfigureAwait(false);
        if (reply is ClientFailure failure)
        {
            return failure;
        }

        if (reply is not ClientUpdate update || update.Round != fit.Round || update.Values is null || update.Values.Length != fit.Weights.Length || update.SampleCount <= 0)
        {
            return new ClientFailure(Id, message.Round, FailureKind.Error, $"client {Id}'s training returned no usable update for round {fit.Round} ({reply.GetType().Name})");
        }

        var delta = update.Values;
        if (update.Kind == UpdateKind.Weights)
        {
            var w = fit.Weights.Span;
            for (var i = 0; i < delta.Length; i++)
            {
                delta[i] -= w[i];
            }
        }

        var clip = Math.Min(Options.ClipNorm, announced ?? double.PositiveInfinity);
        try
        {
            L2Clipping.ClipInPlace(delta, clip);
        }
        catch (ArgumentException ex)
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(delta.AsSpan()));
            return new ClientFailure(Id, message.Round, FailureKind.Error, $"client {Id}'s update cannot be clipped: {ex.Message}");
        }

        var key = AgreementKey.Create();
        _state = new RoundState(message.Round, key, delta, update.SampleCount, clip);
        return new ProtocolReply(Id, message.Round, NissWire.Protocol, NissWire.TrainStage, NissWire.EncodeKeys(key.PublicKey, update.SampleCount), update.Metrics);
    }

    private ProtocolReply Share(ProtocolMessage message, CancellationToken cancellationToken)
    {
        var state = _state!;
        var (weight, peers) = NissWire.DecodeNeighbours(message.Payload.Span, Id);
        var sigma = NoiseStd(weight, state.Samples, state.Clip);
        var v = ShareNoise.ShareCount(sigma, Options.UnitVariance);
        if (v > Options.MaxShares)
        {
            throw new InvalidDataException($"sigma_k = {sigma:G6} with unit variance {Options.UnitVariance:G6} needs {v} shares, more than the {Options.MaxShares} allowed");
        }

        var d = state.Delta.Length;
        var noise = new double[d];
        state.Noise = noise;
        var scratch = new double[Math.Clamp(d, 1, ShareNoise.ChunkLength)];

        // Share i goes to neighbour i mod L, as its (i / L)-th record there.
        var plaintexts = new byte[peers.Length][];
        for (var j = 0; j < peers.Length; j++)
        {
            var count = (v / peers.Length) + (j < v % peers.Length ? 1 : 0);
            plaintexts[j] = new byte[count * NissWire.ShareBytes];
        }

        Span<byte> seed = stackalloc byte[Prg.SeedBytes];
        try
        {
            for (long i = 0; i < v; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _random.NextSeed(seed);
                var std = ShareNoise.ShareStd(i, v, sigma, Options.UnitVariance);
                ShareNoise.Accumulate(seed, std, 1, noise, scratch);
                if (peers.Length > 0)
                {
                    var record = plaintexts[i % peers.Length].AsSpan((int)(i / peers.Length) * NissWire.ShareBytes, NissWire.ShareBytes);
                    seed.CopyTo(record);
                    BinaryPrimitives.WriteDoubleLittleEndian(record[Prg.SeedBytes..], std);
                }
            }

            // With fewer shares than neighbours, the last neighbours get none and no box.
            var boxes = new NissBox[(int)Math.Min(peers.Length, v)];
            for (var j = 0; j < boxes.Length; j++)
            {
                var key = DeriveShareKey(state.Key, peers[j].PublicKey, "neighbour", peers[j].Id);
                try
                {
                    boxes[j] = new NissBox(peers[j].Id, SealedBox.Seal(key, plaintexts[j], NissWire.AssociatedData(message.Round, Id, peers[j].Id)));
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(key);
                }
            }

            state.Weight = weight;
            state.Stage = NissWire.ShareStage;
            var metrics = MetricSet.Of(new Metric("niss.noise_std", sigma), new Metric("niss.shares_sent", v));
            return new ProtocolReply(Id, message.Round, NissWire.Protocol, NissWire.ShareStage, NissWire.EncodeBoxes(boxes), metrics);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            foreach (var p in plaintexts)
            {
                CryptographicOperations.ZeroMemory(p);
            }
        }
    }

    private ProtocolReply Upload(ProtocolMessage message, CancellationToken cancellationToken)
    {
        var state = _state!;
        var inbox = NissWire.DecodeInbox(message.Payload.Span, Id);
        var noise = state.Noise!;
        var scratch = new double[Math.Clamp(noise.Length, 1, ShareNoise.ChunkLength)];
        var rejected = new List<int>();
        var received = 0L;
        foreach (var relayed in inbox)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var plaintext = OpenBox(state, message.Round, relayed);
            if (plaintext is null)
            {
                rejected.Add(relayed.Sender);
                continue;
            }

            try
            {
                if (!ValidShares(plaintext))
                {
                    rejected.Add(relayed.Sender);
                    continue;
                }

                for (var at = 0; at < plaintext.Length; at += NissWire.ShareBytes)
                {
                    var record = plaintext.AsSpan(at, NissWire.ShareBytes);
                    var std = BinaryPrimitives.ReadDoubleLittleEndian(record[Prg.SeedBytes..]);
                    var s = 1 + (Options.Tau * _random.NextNormal());
                    ShareNoise.Accumulate(record[..Prg.SeedBytes], std, -s, noise, scratch);
                    received++;
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        var upload = new float[noise.Length];
        var delta = state.Delta;
        for (var i = 0; i < upload.Length; i++)
        {
            upload[i] = (float)((state.Weight * delta[i]) + noise[i]);
        }

        var payload = NissWire.EncodeUpload(rejected, upload);
        Array.Clear(upload);
        EndRound();
        var metrics = MetricSet.Of(new Metric("niss.shares_received", received));
        return new ProtocolReply(Id, message.Round, NissWire.Protocol, NissWire.UploadStage, payload, metrics);
    }

    /// <summary>The box's plaintext, or null when it fails authentication or the sender's key is invalid.</summary>
    private byte[]? OpenBox(RoundState state, int round, NissRelayed relayed)
    {
        byte[] key;
        try
        {
            key = state.Key.DeriveKey(relayed.SenderKey, NissWire.KeyPurpose);
        }
        catch (ArgumentException)
        {
            return null;
        }

        try
        {
            return SealedBox.Open(key, relayed.Box, NissWire.AssociatedData(round, relayed.Sender, Id));
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Whether a plaintext is 1..MaxShares records, each with a standard deviation in (0, σ·(1 + slack)].</summary>
    private bool ValidShares(ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.IsEmpty || plaintext.Length % NissWire.ShareBytes != 0 || plaintext.Length / NissWire.ShareBytes > Options.MaxShares)
        {
            return false;
        }

        var unitStd = Math.Sqrt(Options.UnitVariance) * (1 + StdSlack);
        for (var at = 0; at < plaintext.Length; at += NissWire.ShareBytes)
        {
            var std = BinaryPrimitives.ReadDoubleLittleEndian(plaintext[(at + Prg.SeedBytes)..]);
            if (!(std > 0 && std <= unitStd))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] DeriveShareKey(AgreementKey key, byte[] peerKey, string role, int peer)
    {
        try
        {
            return key.DeriveKey(peerKey, NissWire.KeyPurpose);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"the key of {role} {peer} is not a P-256 point: {ex.Message}", ex);
        }
    }

    /// <summary>A round in progress: the key pair, the clipped delta, and (after sharing) the weight and own noise.</summary>
    private sealed class RoundState(int round, AgreementKey key, float[] delta, long samples, double clip) : IDisposable
    {
        public int Round { get; } = round;

        public int Stage { get; set; } = NissWire.TrainStage;

        public AgreementKey Key { get; } = key;

        public float[] Delta { get; } = delta;

        public long Samples { get; } = samples;

        public double Clip { get; } = clip;

        public double Weight { get; set; }

        public double[]? Noise { get; set; }

        public void Dispose()
        {
            Key.Dispose();
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(Delta.AsSpan()));
            if (Noise is { } noise)
            {
                CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(noise.AsSpan()));
            }
        }
    }
}
