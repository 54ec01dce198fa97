using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;

namespace FedShield.Privacy.Niss;

/// <summary>One NISS round on the server: the three exchanges, what each revealed, and the running sum.</summary>
internal sealed partial class NissServerRound(ProtocolRound round, ISummableAggregator aggregator, SumForm form, NissOptions options, NissTracker tracker)
{
    private readonly Dictionary<int, byte[]> _keys = [];
    private readonly Dictionary<int, long> _samples = [];
    private readonly Dictionary<int, List<MetricSet>> _clientMetrics = [];
    private readonly Dictionary<int, double> _weights = [];
    private readonly Dictionary<int, HashSet<int>> _neighbours = [];
    private readonly Dictionary<int, NissBox[]> _boxes = [];
    private readonly HashSet<(int Sender, int Recipient)> _delivered = [];
    private readonly HashSet<(int Sender, int Recipient)> _rejected = [];
    private readonly SortedSet<int> _uploaded = [];
    private readonly List<ClientFailure> _failures = [];
    private readonly HashSet<int> _failed = [];
    private readonly Dictionary<int, Traffic> _traffic = [];
    private readonly List<Metric> _metrics = [];
    private double[] _sum = [];
    private float[] _upload = [];
    private long _rejectedShares;

    public async Task<ProtocolOutcome> RunAsync(CancellationToken cancellationToken)
    {
        if (round.Selected.Count == 0)
        {
            return Skip("no clients were selected");
        }

        var d = round.Instructions[0].Weights.Length;
        _sum = new double[d];
        _upload = new float[d];

        var start = round.Time.GetTimestamp();
        var train = NissWire.EncodeTrain(form.ClipNorm ?? 0);
        var messages = new ProtocolMessage[round.Selected.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new ProtocolMessage(round.Round, round.Selected[i], NissWire.Protocol, NissWire.TrainStage, train, round.Instructions[i]);
        }

        await ExchangeAsync(NissWire.TrainStage, messages, AcceptKeys, cancellationToken).ConfigureAwait(false);
        Time("niss.train_seconds", start);
        _metrics.Add(new Metric("niss.keyed", _keys.Count));
        if (TooFew(_keys.Count, NissWire.TrainStage) is { } keyReason)
        {
            return Skip(keyReason);
        }

        start = round.Time.GetTimestamp();
        tracker.StartRound(_keys.Keys);
        SetWeights();
        await ExchangeAsync(NissWire.ShareStage, NeighbourMessages(), AcceptBoxes, cancellationToken).ConfigureAwait(false);
        Time("niss.share_seconds", start);
        _metrics.Add(new Metric("niss.shared", tracker.Live.Count));
        if (TooFew(tracker.Live.Count, NissWire.ShareStage) is { } shareReason)
        {
            return Skip(shareReason);
        }

        start = round.Time.GetTimestamp();
        await ExchangeAsync(NissWire.UploadStage, RelayMessages(), AcceptUpload, cancellationToken).ConfigureAwait(false);
        Time("niss.upload_seconds", start);
        _metrics.Add(new Metric("niss.uploaded", _uploaded.Count));
        CountShares();
        if (TooFew(_uploaded.Count, NissWire.UploadStage) is { } uploadReason)
        {
            return Skip(uploadReason);
        }

        // Σ p_k over the uploaders, in id order so that it does not depend on arrival order.
        var totalWeight = 0.0;
        foreach (var id in _uploaded)
        {
            totalWeight += _weights[id];
        }

        AggregationResult aggregation;
        try
        {
            aggregation = aggregator.FromSum(_sum, totalWeight, _uploaded.Count);
        }
        catch (InvalidOperationException ex)
        {
            return Skip($"aggregator '{aggregator.Name}' refused the sum: {ex.Message}");
        }
        finally
        {
            Array.Clear(_sum);
        }

        return new ProtocolOutcome(aggregation, null, [.. _uploaded], _failures, _traffic, Metrics());
    }

    private string? TooFew(int alive, int stage) =>
        alive < round.RequiredReplies
            ? $"only {alive} of {round.Selected.Count} selected clients completed the NISS {NissWire.Describe(stage)} stage and {round.RequiredReplies} are required"
            : null;

    private ProtocolOutcome Skip(string reason)
    {
        Array.Clear(_sum);
        return new ProtocolOutcome(null, reason, [], _failures, _traffic, MetricSet.Of([.. _metrics]));
    }

    private void Time(string name, long start) => _metrics.Add(new Metric(name, round.Time.GetElapsedTime(start).TotalSeconds));

    /// <summary>p_k = m_k/Σm over the keyed clients, or 1/n when the aggregator does not weight by samples.</summary>
    private void SetWeights()
    {
        double total = 0;
        foreach (var id in tracker.Live)
        {
            total += _samples[id];
        }

        foreach (var id in tracker.Live)
        {
            _weights[id] = form.WeightBySamples ? _samples[id] / total : 1.0 / tracker.Live.Count;
        }
    }

    private ProtocolMessage[] NeighbourMessages()
    {
        var live = tracker.Live.ToArray();
        var messages = new ProtocolMessage[live.Length];
        for (var i = 0; i < live.Length; i++)
        {
            var id = live[i];
            var neighbours = tracker.Neighbours(id, options.NeighbourCount);
            _neighbours[id] = [.. neighbours];
            var peers = neighbours.Select(n => new NissPeer(n, _keys[n])).ToArray();
            messages[i] = new ProtocolMessage(round.Round, id, NissWire.Protocol, NissWire.ShareStage, NissWire.EncodeNeighbours(_weights[id], peers));
        }

        return messages;
    }

    /// <summary>Each live client's inbox: the boxes addressed to it by live senders, in sender order.</summary>
    private ProtocolMessage[] RelayMessages()
    {
        var live = tracker.Live.ToArray();
        var inboxes = live.ToDictionary(id => id, _ => new List<NissRelayed>());
        foreach (var sender in live)
        {
            foreach (var box in _boxes[sender])
            {
                if (inboxes.TryGetValue(box.Peer, out var inbox))
                {
                    inbox.Add(new NissRelayed(sender, _keys[sender], box.Box));
                    _delivered.Add((sender, box.Peer));
                }
            }
        }

        return [.. live.Select(id => new ProtocolMessage(round.Round, id, NissWire.Protocol, NissWire.UploadStage, NissWire.EncodeInbox(inboxes[id])))];
    }

    /// <summary>Shares relayed, and shares whose two halves did not both reach the sum.</summary>
    private void CountShares()
    {
        long relayed = 0, unoffset = 0;
        foreach (var (sender, boxes) in _boxes)
        {
            foreach (var box in boxes)
            {
                var shares = SharesIn(box.Box);
                var pair = (sender, box.Peer);
                relayed += _delivered.Contains(pair) ? shares : 0;
                var own = _uploaded.Contains(sender);
                var offset = _delivered.Contains(pair) && !_rejected.Contains(pair) && _uploaded.Contains(box.Peer);
                unoffset += own != offset ? shares : 0;
            }
        }

        _metrics.Add(new Metric("niss.shares", relayed));
        _metrics.Add(new Metric("niss.unoffset_shares", unoffset));
        _metrics.Add(new Metric("niss.rejected_shares", _rejectedShares));
    }

    private static int SharesIn(byte[] box) => (box.Length - Crypto.SealedBox.Overhead) / NissWire.ShareBytes;

    private MetricSet Metrics() => ProtocolStage.WithClientMeans(_metrics, _uploaded, _clientMetrics, _samples);
}
