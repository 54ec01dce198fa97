using System.Buffers.Binary;
using FedShield.Federation.Messages;
using FedShield.Privacy.Crypto;
using FedShield.Privacy.Niss;

namespace FedShield.Privacy.Tests.Niss;

/// <summary>Plays the server and three neighbours (ids 2, 3, 4) to one NISS client (id 1), message by message.</summary>
internal sealed class NissClientDriver : IDisposable
{
    public NissClientDriver(NissOptions options, float[] delta, long samples = 10, UpdateKind kind = UpdateKind.Delta, float[]? weights = null, int seed = 99)
    {
        Inner = new FixedDeltaClient(1, delta, samples, kind);
        Randomness = new SeededNissRandomness(seed);
        Client = new NissClient(Inner, options, Randomness);
        Weights = weights ?? new float[delta.Length];
        Peers = new Dictionary<int, AgreementKey> { [2] = AgreementKey.Create(), [3] = AgreementKey.Create(), [4] = AgreementKey.Create() };
    }

    public FixedDeltaClient Inner { get; }

    public SeededNissRandomness Randomness { get; }

    public NissClient Client { get; }

    public float[] Weights { get; }

    public Dictionary<int, AgreementKey> Peers { get; }

    /// <summary>The client's public key from its last stage-1 reply.</summary>
    public byte[]? ClientKey { get; private set; }

    public ProtocolMessage Train(int round, double clip = 0) =>
        new(round, 1, NissProtocol.ProtocolName, 1, NissWire.EncodeTrain(clip), new FitInstruction(round, 1, Weights, 0, Federation.Messages.FitSettings.Default));

    public ProtocolMessage Share(int round, double weight, params int[] peers) =>
        new(round, 1, NissProtocol.ProtocolName, 2, NissWire.EncodeNeighbours(weight, [.. peers.Select(p => new NissPeer(p, Peers[p].PublicKey))]));

    public static ProtocolMessage Relay(int round, params NissRelayed[] inbox) =>
        new(round, 1, NissProtocol.ProtocolName, 3, NissWire.EncodeInbox(inbox));

    /// <summary>A box from <paramref name="sender"/> holding (seed, std) records, sealed as the protocol does unless told otherwise.</summary>
    public NissRelayed Box(int sender, int round, (byte[] Seed, double Std)[] shares, int? adRound = null, int recipient = 1)
    {
        var plaintext = new byte[shares.Length * NissWire.ShareBytes];
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i].Seed.CopyTo(plaintext, i * NissWire.ShareBytes);
            BinaryPrimitives.WriteDoubleLittleEndian(plaintext.AsSpan((i * NissWire.ShareBytes) + Prg.SeedBytes), shares[i].Std);
        }

        var key = Peers[sender].DeriveKey(ClientKey!, NissWire.KeyPurpose);
        return new NissRelayed(sender, Peers[sender].PublicKey, SealedBox.Seal(key, plaintext, NissWire.AssociatedData(adRound ?? round, sender, recipient)));
    }

    public async Task<ClientReply> SendAsync(ProtocolMessage message)
    {
        var reply = await Client.HandleAsync(message, CancellationToken.None);
        if (reply is ProtocolReply { Stage: 1 } keys)
        {
            ClientKey = NissWire.DecodeKeys(keys.Payload).PublicKey;
        }

        return reply;
    }

    /// <summary>Runs stages 1 and 2 of <paramref name="round"/> and returns the share reply.</summary>
    public async Task<ProtocolReply> ShareAsync(int round, double weight, params int[] peers)
    {
        Assert.IsType<ProtocolReply>(await SendAsync(Train(round)));
        return Assert.IsType<ProtocolReply>(await SendAsync(Share(round, weight, peers)));
    }

    /// <summary>The upload's values (and the senders it rejected).</summary>
    public static (float[] Values, int[] Rejected) Upload(ClientReply reply, int d)
    {
        var values = new float[d];
        var rejected = NissWire.DecodeUpload(Assert.IsType<ProtocolReply>(reply).Payload, values);
        return (values, rejected);
    }

    /// <summary>Opens the box the client sent to <paramref name="peer"/> and returns its (seed, std) records.</summary>
    public (byte[] Seed, double Std)[] Open(int round, NissBox box)
    {
        var key = Peers[box.Peer].DeriveKey(ClientKey!, NissWire.KeyPurpose);
        var plaintext = SealedBox.Open(key, box.Box, NissWire.AssociatedData(round, 1, box.Peer));
        return [.. Enumerable.Range(0, plaintext.Length / NissWire.ShareBytes).Select(i =>
            (plaintext.AsSpan(i * NissWire.ShareBytes, Prg.SeedBytes).ToArray(), BinaryPrimitives.ReadDoubleLittleEndian(plaintext.AsSpan((i * NissWire.ShareBytes) + Prg.SeedBytes))))];
    }

    public void Dispose()
    {
        Client.Dispose();
        foreach (var p in Peers.Values)
        {
            p.Dispose();
        }
    }
}
