using System.Security.Cryptography;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;

namespace FedShield.Privacy.SecureAggregation;

internal sealed partial class ServerRound
{
    private readonly Dictionary<int, Traffic> _traffic = [];
    private readonly List<ClientFailure> _failures = [];
    private readonly Dictionary<int, double> _clientSeconds = [];
    private readonly int[] _lost = new int[4];
    private TimeSpan _serverTime;
    private TimeSpan _unmaskTime;

    /// <summary>
    /// Sends <paramref name="messages"/> and hands each well-addressed reply to <paramref name="accept"/>,
    /// which returns null to accept it or a reason to reject it (a malformed payload throws
    /// <see cref="FormatException"/>, also a rejection). Failures and rejections are recorded against
    /// the client and the stage. Returns the clients whose reply was accepted.
    /// </summary>
    private async Task<HashSet<int>> ExchangeAsync(SecureAggregationStage stage, ProtocolMessage[] messages, Func<ProtocolReply, string?> accept, CancellationToken cancellationToken)
    {
        var expected = new HashSet<int>();
        foreach (var m in messages)
        {
            expected.Add(m.ClientId);
        }

        var answered = new HashSet<int>();
        var accepted = new HashSet<int>();
        await foreach (var reply in _round.Transport.ExchangeAsync(messages, _round.Timeout, cancellationToken).ConfigureAwait(false))
        {
            if (reply is null || !expected.Contains(reply.ClientId) || !answered.Add(reply.ClientId))
            {
                continue; // not a reply to this stage's messages: nothing to attribute it to
            }

            var id = reply.ClientId;
            _traffic[id] = _traffic.GetValueOrDefault(id) + reply.Traffic;
            if (stage == SecureAggregationStage.AdvertiseKeys)
            {
                _round.Observer?.ReplyReceived(_round.Round, reply, answered.Count, messages.Length);
            }

            if (reply is ClientFailure failure)
            {
                Lose(stage, id, failure.Kind, failure.Reason);
                continue;
            }

            string? problem;
            if (reply is not ProtocolReply answer)
            {
                problem = $"answered with a {reply.GetType().Name}";
            }
            else if (answer.Round != _round.Round || answer.Protocol != _name || answer.Stage != (int)stage)
            {
                problem = $"answered stage {answer.Stage} of round {answer.Round} ('{answer.Protocol}') when asked for stage {(int)stage} of round {_round.Round} ('{_name}')";
            }
            else
            {
                var start = _round.Time.GetTimestamp();
                try
                {
                    problem = accept(answer);
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException or CryptographicException)
                {
                    // A reply that cannot be used is the client's failure, never the server's crash.
                    problem = ex.Message;
                }

                _serverTime += _round.Time.GetElapsedTime(start);
                if (answer.Metrics.TryGet(SecureAggregationClient.ClientSecondsMetric, out var seconds) && double.IsFinite(seconds) && seconds >= 0)
                {
                    _clientSeconds[id] = _clientSeconds.GetValueOrDefault(id) + seconds;
                }
            }

            if (problem is null)
            {
                accepted.Add(id);
            }
            else
            {
                Lose(stage, id, FailureKind.Malformed, $"client {id} sent a malformed reply: {problem}");
            }
        }

        foreach (var id in expected)
        {
            if (!answered.Contains(id))
            {
                Lose(stage, id, FailureKind.Unavailable, "the transport returned no reply");
            }
        }

        return accepted;
    }

    private void Lose(SecureAggregationStage stage, int client, FailureKind kind, string reason)
    {
        _lost[(int)stage]++;
        _failures.Add(new ClientFailure(client, _round.Round, kind, $"secure aggregation {Describe(stage)}: {reason}"));
    }

    private ProtocolOutcome Abort(string reason) =>
        new(null, $"secure aggregation ('{_name}') aborted at {reason}; nothing was revealed", [], _failures, _traffic, Metrics(survivors: 0, errorBound: double.NaN));

    private ProtocolOutcome Complete(AggregationResult aggregation, List<int> participants, double errorBound) =>
        new(aggregation, null, participants, _failures, _traffic, Metrics(participants.Count, errorBound));

    private MetricSet Metrics(int survivors, double errorBound)
    {
        double mean = double.NaN, max = double.NaN;
        if (_clientSeconds.Count > 0)
        {
            mean = 0;
            max = 0;
            foreach (var s in _clientSeconds.Values)
            {
                mean += s;
                max = Math.Max(max, s);
            }

            mean /= _clientSeconds.Count;
        }

        return MetricSet.Of(
            new Metric("secagg.selected", _round.Selected.Count),
            new Metric("secagg.threshold", _threshold),
            new Metric("secagg.neighbours", _degree),
            new Metric("secagg.survivors", survivors),
            new Metric("secagg.dropped_stage0", _lost[0]),
            new Metric("secagg.dropped_stage1", _lost[1]),
            new Metric("secagg.dropped_stage2", _lost[2]),
            new Metric("secagg.dropped_stage3", _lost[3]),
            new Metric("secagg.bits", _options.Bits),
            new Metric("secagg.scale", _p?.Scale ?? double.NaN),
            new Metric("secagg.error_bound", errorBound),
            new Metric("secagg.server_seconds", _serverTime.TotalSeconds),
            new Metric("secagg.unmask_seconds", _unmaskTime.TotalSeconds),
            new Metric("secagg.client_seconds_mean", mean),
            new Metric("secagg.client_seconds_max", max));
    }
}
