using System.Globalization;
using System.Security.Cryptography;
using FedShield.Federation.Protocols;
using FedShield.Federation.State;
using FedShield.Federation.Strategies;

namespace FedShield.Privacy.Ffl;

/// <summary>
/// The server side of fragmented federated learning (seeds/003, Protocol 1): pseudonymous registration,
/// the public board, relaying EXCHANGE_FRAGMENTS between paired participants, removing the one-time pads
/// with seeds only the server key opens, and the reputation defence (similarity, global reputations γ,
/// trust ν, trust-weighted aggregation). Set as <see cref="Strategy.Protocol"/> together with
/// <see cref="Sampler"/> as the strategy's sampler.
/// </summary>
public sealed class FflProtocol : IAggregationProtocol, ICheckpointable, IDisposable
{
    /// <summary>The protocol's name on the wire.</summary>
    public const string ProtocolName = FflWire.Protocol;

    private readonly SortedDictionary<int, double> _gamma = [];
    private readonly Dictionary<int, byte[]> _pseudonyms = [];
    private readonly bool _ownsKey;
    private IReadOnlyDictionary<int, double> _trust = new Dictionary<int, double>();

    /// <summary>Creates the protocol with a fresh RSA-3072 server key.</summary>
    public FflProtocol(FflOptions options)
        : this(options, FflServerKey.Create(), ownsKey: true)
    {
    }

    /// <summary>Creates the protocol with a given server key (kept by the caller).</summary>
    public FflProtocol(FflOptions options, FflServerKey key)
        : this(options, key, ownsKey: false)
    {
    }

    private FflProtocol(FflOptions options, FflServerKey key, bool ownsKey)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Key = key ?? throw new ArgumentNullException(nameof(key));
        _ownsKey = ownsKey;
        Sampler = new FflSelection(this);
    }

    /// <summary>The settings.</summary>
    public FflOptions Options { get; }

    /// <summary>The server's key pair.</summary>
    public FflServerKey Key { get; }

    /// <summary>Procedure 2, adaptive selection: use as the strategy's sampler.</summary>
    public IClientSampler Sampler { get; }

    /// <inheritdoc />
    public string Name => ProtocolName;

    /// <summary>Global reputations γ of every registered participant, by client id.</summary>
    public IReadOnlyDictionary<int, double> Reputations => _gamma;

    /// <summary>Trust ν of every registered participant after the last completed round, by client id.</summary>
    public IReadOnlyDictionary<int, double> Trust => _trust;

    /// <inheritdoc />
    public string? Incompatibility(IAggregator aggregator)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        return aggregator is ISummableAggregator { SumForm: { ClipNorm: null, WeightBySamples: true } }
            ? null
            : $"aggregator '{aggregator.Name}' cannot be used with FFL: FFL aggregates the mixed updates itself, as a mean weighted by data size and trust, and the server never holds an individual update; use the weighted mean";
    }

    /// <inheritdoc />
    public Task<ProtocolOutcome> RunAsync(ProtocolRound round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (Incompatibility(round.Aggregator) is { } problem)
        {
            throw new ArgumentException(problem, nameof(round));
        }

        foreach (var id in round.Selected)
        {
            Register(id);
        }

        return new FflServerRound(round, (ISummableAggregator)round.Aggregator, this).RunAsync(cancellationToken);
    }

    /// <inheritdoc />
    public StateBag ExportState()
    {
        var bag = new StateBag();
        foreach (var (id, gamma) in _gamma)
        {
            bag.SetValue($"gamma.{id.ToString(CultureInfo.InvariantCulture)}", gamma);
            bag.SetValue($"pseudonym.{id.ToString(CultureInfo.InvariantCulture)}", Convert.ToHexString(_pseudonyms[id]));
        }

        return bag;
    }

    /// <inheritdoc />
    public void ImportState(StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _gamma.Clear();
        _pseudonyms.Clear();
        foreach (var (name, value) in state.Values)
        {
            if (name.StartsWith("gamma.", StringComparison.Ordinal))
            {
                var id = int.Parse(name["gamma.".Length..], CultureInfo.InvariantCulture);
                _gamma[id] = double.Parse(value, CultureInfo.InvariantCulture);
                _pseudonyms[id] = Convert.FromHexString(state.GetValue($"pseudonym.{id.ToString(CultureInfo.InvariantCulture)}"));
            }
        }

        _trust = Options.Reputation ? TrustOfAll() : new Dictionary<int, double>();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsKey)
        {
            Key.Dispose();
        }
    }

    /// <summary>Registers a participant: reputation 0 and a random pseudonym from the OS generator.</summary>
    internal void Register(int id)
    {
        if (_gamma.TryAdd(id, 0))
        {
            _pseudonyms[id] = RandomNumberGenerator.GetBytes(FflWire.PseudonymBytes);
        }
    }

    internal int RegistrySize => _gamma.Count;

    internal byte[] PseudonymOf(int id) => _pseudonyms[id];

    /// <summary>γ_k += sim_k − Q1(sim) for the round's participants, then ν for everyone.</summary>
    internal void UpdateReputations(IReadOnlyDictionary<int, double> feedback)
    {
        foreach (var (id, f) in feedback)
        {
            _gamma[id] += f;
        }

        _trust = TrustOfAll();
    }

    internal double FirstQuartileOfReputations() => FflReputation.FirstQuartile([.. _gamma.Values]);

    private Dictionary<int, double> TrustOfAll()
    {
        var ids = _gamma.Keys.ToArray();
        var trust = FflReputation.Trust([.. _gamma.Values]);
        return ids.Zip(trust).ToDictionary(p => p.First, p => p.Second);
    }
}
