using FedShield.Federation.Messages;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// One round of secure aggregation on the server: the four exchanges, the checks between them and
/// the unmasking. Client sets follow Bonawitz et al.: U1 advertised keys, U2 shared keys, U3 sent
/// masked inputs (their inputs are in the sum), U5 revealed shares.
/// </summary>
internal sealed partial class ServerRound
{
    private readonly SecureAggregationProtocol _protocol;
    private readonly ProtocolRound _round;
    private readonly SecureAggregationOptions _options;
    private readonly string _name;
    private readonly Dictionary<int, int> _points = [];
    private readonly Dictionary<int, KeyAdvertisement> _keys = [];
    private readonly Dictionary<int, int[]> _groups = [];
    private RoundParameters _p = null!;
    private ISummableAggregator _aggregator = null!;
    private int _threshold;
    private int _degree;

    public ServerRound(SecureAggregationProtocol protocol, ProtocolRound round)
    {
        _protocol = protocol;
        _round = round;
        _options = protocol.Options;
        _name = protocol.Name;
    }

    public async Task<ProtocolOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var n = _round.Selected.Count;
        if (_protocol.Incompatibility(_round.Aggregator) is { } why)
        {
            return Abort($"before stage 0: {why}");
        }

        _aggregator = (ISummableAggregator)_round.Aggregator;
        if (n < 2 || _round.Instructions.Count != n)
        {
            return Abort($"before stage 0: secure aggregation needs at least 2 selected clients with one instruction each; got {n} clients and {_round.Instructions.Count} instructions");
        }

        var form = _aggregator.SumForm!;
        var dimension = _round.Instructions[0].Weights.Length;
        _p = new RoundParameters(_options.Variant, n, _options.Bits, _options.ClipRange, _options.MaxWeight, form.ClipNorm, form.WeightBySamples, dimension, _options.Variant == SecureAggregationVariant.SecAggPlus ? Math.Min(_options.Neighbours ?? SecureAggregationOptions.DefaultNeighbours(n), n - 1) : 0);
        if (_p.Problem() is { } problem)
        {
            return Abort($"before stage 0: {problem}");
        }

        if (_options.Variant == SecureAggregationVariant.SecAgg)
        {
            _threshold = _options.ThresholdFor(n);
            if (SecureAggregationOptions.ThresholdProblem(_threshold, n) is { } thresholdProblem)
            {
                return Abort($"before stage 0: {thresholdProblem}");
            }
        }

        for (var i = 0; i < n; i++)
        {
            _points[_round.Selected[i]] = i + 1;
        }

        var u1 = await AdvertiseKeysAsync(cancellationToken).ConfigureAwait(false);
        if (Shortfall(SecureAggregationStage.AdvertiseKeys, u1.Count) is { } s0)
        {
            return Abort(s0);
        }

        if (BuildGroups(u1) is { } groupProblem)
        {
            return Abort(groupProblem);
        }

        var inbox = await ShareKeysAsync(u1, cancellationToken).ConfigureAwait(false);
        var u2 = new HashSet<int>(inbox.Keys);
        if ((Shortfall(SecureAggregationStage.ShareKeys, u2.Count) ?? GroupShortfall(SecureAggregationStage.ShareKeys, u2, u2, "shared keys")) is { } s1)
        {
            return Abort(s1);
        }

        var sum = new ulong[_p.Elements];
        var u3 = await CollectMaskedInputsAsync(inbox, sum, cancellationToken).ConfigureAwait(false);
        inbox.Clear();
        if ((Shortfall(SecureAggregationStage.MaskedInputCollection, u3.Count)
            ?? GroupShortfall(SecureAggregationStage.MaskedInputCollection, u3, u3, "sent masked inputs")
            ?? GroupShortfall(SecureAggregationStage.MaskedInputCollection, Dropped(u2, u3), u3, "sent masked inputs")) is { } s2)
        {
            return Abort(s2);
        }

        var shares = await CollectSharesAsync(u2, u3, cancellationToken).ConfigureAwait(false);
        try
        {
            return Unmask(u2, u3, shares, sum, cancellationToken);
        }
        finally
        {
            shares.Clear();
        }
    }

    /// <summary>Groups over U1: everyone for SecAgg, a random k-regular graph for SecAgg+; and the threshold.</summary>
    private string? BuildGroups(List<int> u1)
    {
        var start = _round.Time.GetTimestamp();
        _degree = _options.NeighboursFor(u1.Count);
        if (_options.Variant == SecureAggregationVariant.SecAggPlus)
        {
            _threshold = _options.ThresholdFor(_degree + 1);
            if (SecureAggregationOptions.ThresholdProblem(_threshold, _degree + 1) is { } problem)
            {
                return $"stage 1 (share keys): with {u1.Count} clients left each has {_degree} neighbours, and {problem}";
            }
        }

        var neighbours = NeighbourGraph.Draw(u1.Count, _degree, _protocol.RandomBelow);
        for (var i = 0; i < u1.Count; i++)
        {
            var group = new int[neighbours[i].Length + 1];
            for (var j = 0; j < neighbours[i].Length; j++)
            {
                group[j] = u1[neighbours[i][j]];
            }

            group[^1] = u1[i];
            Array.Sort(group);
            _groups[u1[i]] = group;
        }

        _serverTime += _round.Time.GetElapsedTime(start);
        return null;
    }

    /// <summary>Why the round cannot go on with <paramref name="left"/> clients after <paramref name="stage"/>, or null.</summary>
    private string? Shortfall(SecureAggregationStage stage, int left)
    {
        if (left < _round.RequiredReplies)
        {
            return $"{Describe(stage)}: only {left} of {_round.Selected.Count} selected clients remain and the round requires {_round.RequiredReplies}";
        }

        return _options.Variant == SecureAggregationVariant.SecAgg && left < _threshold
            ? $"{Describe(stage)}: only {left} of {_round.Selected.Count} selected clients remain, fewer than the threshold {_threshold}"
            : left < 2 ? $"{Describe(stage)}: only {left} client remains" : null;
    }

    /// <summary>
    /// Why some client of <paramref name="owners"/> could not be unmasked: fewer than t members of its
    /// group are in <paramref name="alive"/>. Null when every group is large enough.
    /// </summary>
    private string? GroupShortfall(SecureAggregationStage stage, IEnumerable<int> owners, HashSet<int> alive, string what)
    {
        var sorted = new List<int>(owners);
        sorted.Sort();
        foreach (var owner in sorted)
        {
            var count = 0;
            foreach (var member in _groups[owner])
            {
                if (alive.Contains(member))
                {
                    count++;
                }
            }

            if (count < _threshold)
            {
                return $"{Describe(stage)}: only {count} members of client {owner}'s group of {_groups[owner].Length} {what}, fewer than the threshold {_threshold}";
            }
        }

        return null;
    }

    /// <summary>Clients of U2 \ U3 whose mask key must be rebuilt: those with a survivor in their group.</summary>
    private List<int> Dropped(HashSet<int> u2, HashSet<int> u3)
    {
        var dropped = new List<int>();
        foreach (var v in u2)
        {
            if (!u3.Contains(v) && Array.Exists(_groups[v], u3.Contains))
            {
                dropped.Add(v);
            }
        }

        dropped.Sort();
        return dropped;
    }

    private static string Describe(SecureAggregationStage stage) => stage switch
    {
        SecureAggregationStage.AdvertiseKeys => "stage 0 (advertise keys)",
        SecureAggregationStage.ShareKeys => "stage 1 (share keys)",
        SecureAggregationStage.MaskedInputCollection => "stage 2 (masked input collection)",
        _ => "stage 3 (unmasking)",
    };
}
