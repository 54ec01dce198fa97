using FedShield.Federation.Messages;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.Niss;

internal sealed partial class NissServerRound
{
    /// <summary>
    /// Sends one stage's messages and takes each reply as it arrives: a failure, a reply that does not
    /// answer its message, or a payload <paramref name="accept"/> refuses (it returns the reason)
    /// marks the client failed and gone from the tracker. Replies that no message asked for, and
    /// second replies, are ignored.
    /// </summary>
    private Task ExchangeAsync(int stage, ProtocolMessage[] messages, Func<ProtocolReply, string?> accept, CancellationToken cancellationToken) =>
        ProtocolStage.ExchangeAsync(round, NissWire.Protocol, stage, messages, accept, (id, kind, reason, traffic) => Fail(id, stage, kind, reason, traffic), _traffic, stage == NissWire.TrainStage, cancellationToken);

    private ClientFailure Fail(int id, int stage, FailureKind kind, string reason, Traffic traffic)
    {
        var failure = new ClientFailure(id, round.Round, kind, $"NISS {NissWire.Describe(stage)} stage: {reason}") { Traffic = traffic };
        if (_failed.Add(id))
        {
            _failures.Add(failure);
        }

        tracker.Leave(id);
        return failure;
    }

    private string? AcceptKeys(ProtocolReply reply)
    {
        try
        {
            var (key, samples) = NissWire.DecodeKeys(reply.Payload);
            _keys[reply.ClientId] = key;
            _samples[reply.ClientId] = samples;
            _clientMetrics[reply.ClientId] = [reply.Metrics];
            return null;
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Accepts at most one box per neighbour the client was given, each 1..MaxShares whole shares long.</summary>
    private string? AcceptBoxes(ProtocolReply reply)
    {
        NissBox[] boxes;
        try
        {
            boxes = NissWire.DecodeBoxes(reply.Payload);
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }

        var allowed = _neighbours[reply.ClientId];
        var seen = new HashSet<int>();
        foreach (var box in boxes)
        {
            if (!allowed.Contains(box.Peer) || !seen.Add(box.Peer))
            {
                return $"sent a box to client {box.Peer}, which is {(allowed.Contains(box.Peer) ? "addressed twice" : "not one of its neighbours")}";
            }

            var body = box.Box.Length - SealedBox.Overhead;
            if (body <= 0 || body % NissWire.ShareBytes != 0 || body / NissWire.ShareBytes > options.MaxShares)
            {
                return $"its box for client {box.Peer} has {box.Box.Length} bytes; expected {SealedBox.Overhead} plus 1 to {options.MaxShares} shares of {NissWire.ShareBytes} bytes";
            }
        }

        _boxes[reply.ClientId] = boxes;
        _clientMetrics[reply.ClientId].Add(reply.Metrics);
        return null;
    }

    /// <summary>Folds the upload into the running sum; the senders it names as rejected must have had a box relayed to it.</summary>
    private string? AcceptUpload(ProtocolReply reply)
    {
        int[] rejected;
        try
        {
            rejected = NissWire.DecodeUpload(reply.Payload, _upload);
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }

        var id = reply.ClientId;
        var distinct = new HashSet<int>();
        foreach (var sender in rejected)
        {
            if (!_delivered.Contains((sender, id)) || !distinct.Add(sender))
            {
                return $"says it rejected a box from client {sender}, which it was {(_delivered.Contains((sender, id)) ? "sent once" : "never sent")}";
            }
        }

        foreach (var sender in rejected)
        {
            _rejected.Add((sender, id));
            _rejectedShares += SharesIn(_boxes[sender].First(b => b.Peer == id).Box);
        }

        var sum = _sum;
        var upload = _upload;
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += upload[i];
        }

        _uploaded.Add(id);
        _clientMetrics[id].Add(reply.Metrics);
        return null;
    }
}
