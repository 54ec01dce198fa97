using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;

namespace FedShield.Privacy.Ffl;

/// <summary>One FFL round on the server: the board, the pairing, the relayed exchange, decryption and reputation.</summary>
internal sealed partial class FflServerRound(ProtocolRound round, ISummableAggregator aggregator, FflProtocol protocol)
{
    // A purpose number of its own, apart from the federation's streams (1-6).
    private const int MatchingStream = 31;

    private readonly Dictionary<int, long> _samples = [];
    private readonly Dictionary<int, byte[][]> _acceptable = [];
    private readonly Dictionary<int, List<MetricSet>> _clientMetrics = [];
    private readonly List<Pair> _pairs = [];
    private readonly List<ClientFailure> _failures = [];
    private readonly HashSet<int> _failed = [];
    private readonly Dictionary<int, Traffic> _traffic = [];
    private readonly List<Metric> _metrics = [];
    private int _dimension;

    public async Task<ProtocolOutcome> RunAsync(CancellationToken cancellationToken)
    {
        if (round.Selected.Count < 2)
        {
            return Skip($"FFL needs at least 2 participants and {round.Selected.Count} were selected");
        }

        _dimension = round.Instructions[0].Weights.Length;
        protocol.Options.Layers(_dimension);
        var start = round.Time.GetTimestamp();
        await ExchangeAsync(FflWire.TrainStage, TrainMessages(), AcceptTrained, cancellationToken).ConfigureAwait(false);
        Time("ffl.train_seconds", start);

        start = round.Time.GetTimestamp();
        Match();
        await ExchangeAsync(FflWire.InitiateStage, [.. Live().Select(p => Message(p.Initiator, FflWire.InitiateStage, protocol.PseudonymOf(p.Acceptor)))], AcceptInitiated, cancellationToken).ConfigureAwait(false);
        await ExchangeAsync(FflWire.AcceptStage, [.. Live().Select(p => Message(p.Acceptor, FflWire.AcceptStage, FflWire.EncodeAccept(protocol.PseudonymOf(p.Initiator), p.InitiatorDh!, p.InitiatorSeed!)))], AcceptAccepted, cancellationToken).ConfigureAwait(false);
        await ExchangeAsync(FflWire.MixStage, [.. Live().Select(p => Message(p.Initiator, FflWire.MixStage, FflWire.EncodeKeyedBox(p.AcceptorDh!, p.AcceptorSeed!, p.AcceptorBox!)))], AcceptMixed, cancellationToken).ConfigureAwait(false);
        await ExchangeAsync(FflWire.FinishStage, [.. Live().Select(p => Message(p.Acceptor, FflWire.FinishStage, FflWire.EncodeBox(p.InitiatorBox!)))], AcceptFinished, cancellationToken).ConfigureAwait(false);
        Time("ffl.exchange_seconds", start);

        start = round.Time.GetTimestamp();
        var mixed = Decrypt();
        Time("ffl.decrypt_seconds", start);
        _metrics.Add(new Metric("ffl.pairs", Live().Count()));
        if (mixed.Count < Math.Max(2, round.RequiredReplies))
        {
            return Skip($"only {mixed.Count} of {round.Selected.Count} selected participants completed a fragment exchange and {Math.Max(2, round.RequiredReplies)} are required");
        }

        start = round.Time.GetTimestamp();
        var (aggregation, feedback) = Aggregate(mixed);
        Time("ffl.aggregate_seconds", start);
        if (aggregation is null)
        {
            return Skip("every participant's trust is 0, so the trust-weighted mean is undefined");
        }

        if (feedback.Count > 0)
        {
            await ExchangeAsync(FflWire.FeedbackStage, [.. feedback.Select(f => Message(f.Key, FflWire.FeedbackStage, FflWire.EncodeFeedback(f.Value)))], _ => null, cancellationToken, countFailures: false).ConfigureAwait(false);
        }

        return new ProtocolOutcome(aggregation, null, [.. mixed.Keys], _failures, _traffic, Metrics(mixed.Keys));
    }

    private IEnumerable<Pair> Live() => _pairs.Where(p => !p.Abandoned);

    private ProtocolMessage[] TrainMessages()
    {
        var board = round.Selected.Select(protocol.PseudonymOf).ToArray();
        var key = protocol.Key.PublicKey;
        var layers = protocol.Options.Layers(_dimension);
        var messages = new ProtocolMessage[round.Selected.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            var id = round.Selected[i];
            var payload = FflWire.EncodeTrain(protocol.PseudonymOf(id), protocol.RegistrySize, board, key, protocol.Options.Reputation, layers);
            messages[i] = new ProtocolMessage(round.Round, id, FflWire.Protocol, FflWire.TrainStage, payload, round.Instructions[i]);
        }

        return messages;
    }

    private ProtocolMessage Message(int id, int stage, byte[] payload) => new(round.Round, id, FflWire.Protocol, stage, payload);

    /// <summary>
    /// Protocol 1, lines 36–47, over the board: a participant exchanges only with one it accepts and that
    /// accepts it back (the "retry" of line 38 is the server trying the next candidate). Pairs are formed
    /// one at a time, each time for a participant with the fewest mutual candidates left (ties broken at
    /// random), with a random one of them, which leaves fewer participants without a partner than taking
    /// them in plain random order. One left without a partner abstains from the round.
    /// </summary>
    private void Match()
    {
        var trained = _acceptable.Keys.Order().ToArray();
        var byPseudonym = trained.ToDictionary(id => Convert.ToHexString(protocol.PseudonymOf(id)));
        var accepts = trained.ToDictionary(id => id, id => _acceptable[id].Select(Convert.ToHexString).Where(byPseudonym.ContainsKey).Select(h => byPseudonym[h]).Where(j => j != id).ToHashSet());
        var mutual = trained.ToDictionary(id => id, id => accepts[id].Where(j => accepts[j].Contains(id)).ToHashSet());
        var random = Federation.SeedStreams.Create(protocol.Options.MatchingSeed, MatchingStream, 0, round.Round);
        var open = trained.ToHashSet();
        while (true)
        {
            var choosers = open.Where(k => mutual[k].Any(open.Contains)).ToArray();
            if (choosers.Length == 0)
            {
                break;
            }

            var fewest = choosers.Min(k => mutual[k].Count(open.Contains));
            var tied = choosers.Where(k => mutual[k].Count(open.Contains) == fewest).Order().ToArray();
            var k = tied[random.Next(tied.Length)];
            var candidates = mutual[k].Where(open.Contains).Order().ToArray();
            var j = candidates[random.Next(candidates.Length)];
            _pairs.Add(new Pair(k, j));
            open.Remove(k);
            open.Remove(j);
        }

        foreach (var id in open.Order())
        {
            Fail(id, FflWire.TrainStage, FailureKind.Error, "no participant on the board accepted to exchange fragments with it, so it abstains", default);
        }

        _metrics.Add(new Metric("ffl.unpaired", open.Count));
    }

    private void Time(string name, long start) => _metrics.Add(new Metric(name, round.Time.GetElapsedTime(start).TotalSeconds));

    private ProtocolOutcome Skip(string reason) => new(null, reason, [], _failures, _traffic, MetricSet.Of([.. _metrics]));

    private MetricSet Metrics(IEnumerable<int> participants) => ProtocolStage.WithClientMeans(_metrics, participants, _clientMetrics, _samples);

    /// <summary>An exchanging pair and what the server relays between them.</summary>
    private sealed class Pair(int initiator, int acceptor)
    {
        public int Initiator { get; } = initiator;

        public int Acceptor { get; } = acceptor;

        public bool Abandoned { get; set; }

        public byte[]? InitiatorDh { get; set; }

        public byte[]? InitiatorSeed { get; set; }

        public byte[]? AcceptorDh { get; set; }

        public byte[]? AcceptorSeed { get; set; }

        public byte[]? AcceptorBox { get; set; }

        public byte[]? InitiatorBox { get; set; }

        public uint[]? InitiatorUpload { get; set; }

        public byte[]? InitiatorUploadSeed { get; set; }

        public uint[]? AcceptorUpload { get; set; }

        public byte[]? AcceptorUploadSeed { get; set; }
    }
}
