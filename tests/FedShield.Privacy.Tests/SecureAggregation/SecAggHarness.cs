using FedShield.Federation.Messages;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;
using FedShield.Privacy.SecureAggregation;
using FedShield.Simulation;

namespace FedShield.Privacy.Tests.SecureAggregation;

/// <summary>n secure-aggregation clients over the in-process transport, and the protocol's server side.</summary>
internal sealed class SecAggHarness : IDisposable
{
    private readonly SimulationTransport _simulation;

    /// <param name="n">Clients 0..n−1, with sample counts 3 + id mod 5.</param>
    /// <param name="options">Protocol settings.</param>
    /// <param name="dropsAt">(client, round, stage) → whether that client drops out there.</param>
    /// <param name="dimension">d.</param>
    /// <param name="aggregator">The aggregator; a capturing weighted mean by default.</param>
    /// <param name="delta">Every client's delta as (round, coordinate) → value; the default differs per client.</param>
    public SecAggHarness(int n, SecureAggregationOptions options, Func<int, int, int, bool>? dropsAt = null, int dimension = 6, ISummableAggregator? aggregator = null, Func<int, int, float>? delta = null, Func<int, int>? randomBelow = null)
    {
        Honest = [.. Enumerable.Range(0, n).Select(i => new TestClient(i, 3 + (i % 5)) { Delta = delta })];
        Clients = [.. Honest.Select(c => new SecureAggregationClient(c))];
        var participants = Clients.Select(c => dropsAt is null ? (Federation.Transport.IProtocolParticipant)c : new DropoutClient(c, (r, s) => dropsAt(c.Id, r, s)));
        _simulation = new SimulationTransport(participants, new SimulationOptions(workers: 2));
        Transport = new RecordingTransport(_simulation);
        Dimension = dimension;
        Aggregator = aggregator ?? new CapturingAggregator(new SumForm(null, WeightBySamples: true));
        Protocol = new SecureAggregationProtocol(options)
        {
            SumRevealed = sum => Revealed = (ulong[])sum.Clone(),
            RandomBelow = randomBelow ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32,
        };
    }

    public List<TestClient> Honest { get; }

    public List<SecureAggregationClient> Clients { get; }

    public RecordingTransport Transport { get; }

    public SecureAggregationProtocol Protocol { get; }

    public ISummableAggregator Aggregator { get; }

    public int Dimension { get; }

    public ulong[]? Revealed { get; private set; }

    public Task<ProtocolOutcome> RunAsync(int round = 1, int requiredReplies = 1, IReadOnlyList<int>? selected = null)
    {
        selected ??= [.. Honest.Select(c => c.Id)];
        var weights = new float[Dimension];
        var instructions = selected.Select(id => new FitInstruction(round, id, weights, 1000 + id, FitSettings.Default)).ToArray();
        var context = new ProtocolRound(round, selected, instructions, Transport, TimeSpan.FromSeconds(60), requiredReplies, Aggregator, null, TimeProvider.System);
        return Protocol.RunAsync(context, CancellationToken.None);
    }

    /// <summary>The round's parameters as the server derives them (n = all clients).</summary>
    public RoundParameters Parameters(int? selected = null)
    {
        var o = Protocol.Options;
        var form = Aggregator.SumForm!;
        return new RoundParameters(o.Variant, selected ?? Honest.Count, o.Bits, o.ClipRange, o.MaxWeight, form.ClipNorm, form.WeightBySamples, Dimension, 0);
    }

    /// <summary>Σ of the survivors' plaintext fixed-point encodings, reduced to k bits.</summary>
    public ulong[] ExpectedSum(IEnumerable<int> survivors, int round = 1)
    {
        var p = Parameters();
        var sum = new ulong[p.Elements];
        foreach (var id in survivors)
        {
            var client = Honest[id];
            var encoded = new ulong[p.Elements];
            FixedPointCodec.Encode(client.DeltaFor(round, Dimension), FixedPointCodec.WeightOf(client.Samples, p), p, encoded);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += encoded[i];
            }
        }

        return [.. sum.Select(v => v & p.Mask)];
    }

    public void Dispose()
    {
        _simulation.Dispose();
        foreach (var c in Clients)
        {
            c.Dispose();
        }
    }
}
