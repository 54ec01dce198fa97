using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Federation.Rounds;

/// <summary>A round's replies as they are consumed in client order: the running aggregate (or the held updates), participants, failures, traffic and client metrics.</summary>
internal sealed class FitCollection
{
    private readonly IAggregator _aggregator;
    private readonly IUpdateAccumulator? _accumulator;
    private readonly List<ClientUpdate> _held = [];
    private readonly List<int> _participants = [];
    private readonly List<ClientFailure> _failures = [];
    private readonly TimeProvider _time;

    public FitCollection(IAggregator aggregator, int length, TimeProvider time)
    {
        _aggregator = aggregator;
        _accumulator = (aggregator as IIncrementalAggregator)?.Begin(length);
        _time = time;
    }

    public IReadOnlyList<int> Participants => _participants;

    public IReadOnlyList<ClientFailure> Failures => _failures;

    public Dictionary<int, Traffic> Traffic { get; } = [];

    public WeightedMetricMeans ClientMetrics { get; } = new();

    /// <summary>Time spent folding updates into the running aggregate while training was still going on.</summary>
    public TimeSpan FoldTime { get; private set; }

    public void AddTraffic(int client, Traffic traffic) => Traffic[client] = Traffic.GetValueOrDefault(client) + traffic;

    public void Consume(ClientReply reply)
    {
        switch (reply)
        {
            case ClientUpdate update:
                _participants.Add(update.ClientId);
                ClientMetrics.Add(update.Metrics, update.SampleCount);
                if (_accumulator is not null)
                {
                    var start = _time.GetTimestamp();
                    _accumulator.Add(update);
                    FoldTime += _time.GetElapsedTime(start);
                }
                else
                {
                    _held.Add(update);
                }

                break;
            case ClientFailure failure:
                _failures.Add(failure);
                break;
            default:
                _failures.Add(new ClientFailure(reply.ClientId, reply.Round, FailureKind.Malformed, "unexpected reply type " + reply.GetType().Name));
                break;
        }
    }

    public AggregationResult Complete() => _accumulator?.Complete() ?? _aggregator.Aggregate(_held);
}
