using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;

namespace FedShield.Privacy.Niss;

/// <summary>
/// The server side of NISS (Yang et al., IEEE IoT Journal 2022): clients add DP noise to their
/// uploads and exchange negated shares of it, so the noise offsets in the sum. A round is three
/// exchanges through the transport:
/// <list type="number">
/// <item>train: every selected client receives its fit instruction and the aggregator's clip bound,
/// trains, and answers a fresh public key and its sample count m_k;</item>
/// <item>share: the server sets p_k = m_k/Σm (or 1/n for an unweighted aggregator) over the clients
/// that answered, asks the <see cref="NissTracker"/> for each client's random live neighbours and
/// sends p_k with the neighbours' keys; each client answers one sealed box of share seeds per
/// neighbour;</item>
/// <item>upload: the server relays each box, with its sender's key, to its recipient; each client
/// uploads p_k·Δ_k plus its noise and its distorted received shares.</item>
/// </list>
/// The server sums the uploads in double precision as they arrive and hands the sum, with the
/// uploaders' total weight Σp_k, to the aggregator's <see cref="ISummableAggregator.FromSum"/>.
/// </summary>
/// <remarks>
/// <para>
/// Dropouts: a client that fails before sharing is simply absent. A client that fails after sharing
/// leaves noise that nothing offsets: its received shares' senders uploaded n_i with no −s·n_i
/// against it, and the recipients of its shares uploaded −s·n_i with no n_i against it. Both only
/// add noise (σ² per share, counted in the metric <c>niss.unoffset_shares</c>); no client's
/// privacy depends on another client finishing, so no recovery stage is run. The aggregate is then
/// Σ_{uploaders} p_k·Δ_k / Σ_{uploaders} p_k plus the noise divided by that total weight. A stage
/// that leaves fewer than the required clients skips the round with the reason.
/// </para>
/// <para>
/// Metrics: <c>niss.keyed</c>, <c>niss.shared</c>, <c>niss.uploaded</c> (clients past each stage),
/// <c>niss.shares</c> (shares relayed), <c>niss.unoffset_shares</c>, <c>niss.rejected_shares</c>
/// (in boxes a recipient refused), <c>niss.train_seconds</c>, <c>niss.share_seconds</c>,
/// <c>niss.upload_seconds</c>, and the sample-weighted means of the uploaders' training metrics and of
/// their <c>niss.noise_std</c> (σ_k), <c>niss.shares_sent</c> and <c>niss.shares_received</c>.
/// </para>
/// </remarks>
public sealed class NissProtocol : IAggregationProtocol
{
    /// <summary>The protocol's name on the wire and in reports.</summary>
    public const string ProtocolName = NissWire.Protocol;

    private readonly Func<NissTracker> _newTracker;

    /// <summary>Creates the protocol.</summary>
    /// <param name="options">The server uses <see cref="NissOptions.NeighbourCount"/> and <see cref="NissOptions.MaxShares"/>.</param>
    public NissProtocol(NissOptions options)
        : this(options, () => new NissTracker())
    {
    }

    /// <summary>Creates the protocol with trackers from <paramref name="newTracker"/> (tests).</summary>
    internal NissProtocol(NissOptions options, Func<NissTracker> newTracker)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _newTracker = newTracker ?? throw new ArgumentNullException(nameof(newTracker));
    }

    /// <summary>The settings.</summary>
    public NissOptions Options { get; }

    /// <inheritdoc/>
    public string Name => ProtocolName;

    /// <inheritdoc/>
    public string? Incompatibility(IAggregator aggregator)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        return aggregator switch
        {
            ISummableAggregator { SumForm: not null } => null,
            ISummableAggregator => $"aggregator '{aggregator.Name}' in this configuration needs each client's update (it has no sum form), but NISS reveals only the noisy sum of the uploads",
            _ => $"aggregator '{aggregator.Name}' needs each client's update, but NISS reveals only the noisy sum of the uploads; use a summable aggregator (weighted mean, or norm bounding with a fixed bound)",
        };
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The round's aggregator cannot be computed from a sum (see <see cref="Incompatibility"/>).</exception>
    public Task<ProtocolOutcome> RunAsync(ProtocolRound round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.Aggregator is not ISummableAggregator { SumForm: { } form } summable)
        {
            throw new ArgumentException(Incompatibility(round.Aggregator), nameof(round));
        }

        return new NissServerRound(round, summable, form, Options, _newTracker()).RunAsync(cancellationToken);
    }
}
