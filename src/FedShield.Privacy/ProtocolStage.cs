using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Protocols;

namespace FedShield.Privacy;

/// <summary>What the server side of every round protocol here does with one stage of messages, and with the round's metrics.</summary>
internal static class ProtocolStage
{
    /// <summary>
    /// Sends one stage's messages and takes the replies: each reply's traffic is counted; a failure, a reply of
    /// another protocol, round or stage, or one <paramref name="accept"/> refuses (it returns the reason) goes to
    /// <paramref name="fail"/>, as does every message the transport returned nothing for. With
    /// <paramref name="observe"/> each reply (or its failure) is reported to the round's observer.
    /// </summary>
    /// <param name="round">The round.</param>
    /// <param name="protocol">The protocol name every reply must carry.</param>
    /// <param name="stage">The stage every reply must answer.</param>
    /// <param name="messages">One message per client.</param>
    /// <param name="accept">Takes a well-addressed reply, or returns why it is refused.</param>
    /// <param name="fail">Records a failure and returns what the observer sees; null to ignore failures (a stage after the aggregate).</param>
    /// <param name="traffic">Bytes per client, added to.</param>
    /// <param name="observe">Report each reply to the round's observer (the training stage).</param>
    /// <param name="cancellationToken">Cancels the stage.</param>
    public static async Task ExchangeAsync(
        ProtocolRound round,
        string protocol,
        int stage,
        IReadOnlyList<ProtocolMessage> messages,
        Func<ProtocolReply, string?> accept,
        Func<int, FailureKind, string, Traffic, ClientReply>? fail,
        Dictionary<int, Traffic> traffic,
        bool observe,
        CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var pending = messages.Select(m => m.ClientId).ToHashSet();
        var done = 0;
        await foreach (var reply in round.Transport.ExchangeAsync(messages, round.Timeout, cancellationToken).ConfigureAwait(false))
        {
            var id = reply.ClientId;
            if (!pending.Remove(id))
            {
                continue;
            }

            traffic[id] = traffic.GetValueOrDefault(id) + reply.Traffic;
            (FailureKind Kind, string? Reason) problem = reply switch
            {
                ClientFailure f => (f.Kind, f.Reason),
                ProtocolReply p when p.Round != round.Round || p.Stage != stage || !string.Equals(p.Protocol, protocol, StringComparison.Ordinal) =>
                    (FailureKind.Malformed, $"answered with '{p.Protocol}' stage {p.Stage} of round {p.Round}"),
                ProtocolReply p => accept(p) is { } reason ? (FailureKind.Malformed, reason) : default,
                _ => (FailureKind.Malformed, $"answered with a {reply.GetType().Name}"),
            };

            var seen = problem.Reason is not null && fail is not null ? fail(id, problem.Kind, problem.Reason, reply.Traffic) : reply;
            if (observe)
            {
                round.Observer?.ReplyReceived(round.Round, seen, ++done, messages.Count);
            }
        }

        foreach (var id in pending.Order())
        {
            fail?.Invoke(id, FailureKind.Unavailable, "the transport returned no reply", default);
        }
    }

    /// <summary>The protocol's own metrics, then the participants' metrics averaged by sample count; a participant cannot overwrite the protocol's measurements.</summary>
    public static MetricSet WithClientMeans(IEnumerable<Metric> own, IEnumerable<int> participants, IReadOnlyDictionary<int, List<MetricSet>> clientMetrics, IReadOnlyDictionary<int, long> samples)
    {
        var mine = MetricSet.Of([.. own]);
        var means = new WeightedMetricMeans();
        foreach (var id in participants)
        {
            foreach (var set in clientMetrics[id])
            {
                means.Add(MetricSet.Of([.. set.Where(m => !mine.TryGet(m.Name, out _))]), samples[id]);
            }
        }

        return mine.Concat(means.ToMetricSet());
    }
}
