using System.Security.Cryptography;
using FedShield.Federation.Protocols;
using FedShield.Federation.Strategies;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// The server side of secure aggregation: Bonawitz et al.'s four rounds (advertise keys, share keys,
/// masked input collection, unmasking) run as <see cref="Federation.Messages.ProtocolMessage"/>
/// exchanges through the transport, over a complete graph (SecAgg) or a random k-regular graph
/// (SecAgg+, Bell et al.). The server learns the sum of the survivors' fixed-point updates and the
/// sum of their weights, and hands them to the aggregator's <see cref="ISummableAggregator.FromSum"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Threat model.</b> Clients and server are honest but curious (they follow the protocol and try to
/// learn from what they see) and any client may drop out at any stage. The server alone, or together
/// with fewer than t clients of a group, learns nothing about an individual update beyond the sum.
/// Against a server that lies about who dropped, each client refuses to reveal both kinds of share of
/// one client and the threshold is a majority of the group; the consistency-check round with
/// signatures that fully defeats an active server, and any defence against clients sending wrong
/// shares or inputs (beyond malformed ones), are not implemented. Client-to-client shares travel
/// through the server sealed with AES-256-GCM under HKDF-SHA256 keys from P-256 ECDH; keys are fresh
/// each round and every random value comes from the operating system's generator.
/// </para>
/// <para>
/// <b>Dropouts.</b> Fewer than t members left in any group that must be unmasked (or fewer survivors
/// than the round requires) aborts the round at that stage with a reason naming the stage and the
/// counts, and nothing is revealed: no aggregate, and never enough shares to rebuild any secret.
/// </para>
/// <para>
/// <b>Memory.</b> Masked inputs are folded into one running sum of d + 1 words as they arrive; mask
/// removal runs on <see cref="SecureAggregationOptions.ServerThreads"/> threads, each with its own
/// d + 1 word accumulator.
/// </para>
/// <para>
/// <b>Metrics</b> (in <see cref="ProtocolOutcome.Metrics"/>): <c>secagg.selected</c>,
/// <c>secagg.threshold</c>, <c>secagg.neighbours</c> (graph degree), <c>secagg.survivors</c> (inputs in the sum),
/// <c>secagg.dropped_stage0</c> … <c>secagg.dropped_stage3</c> (clients lost at each stage, for any
/// reason), <c>secagg.bits</c>, <c>secagg.scale</c>, <c>secagg.error_bound</c> (per-coordinate bound
/// on the error of the decoded mean), <c>secagg.server_seconds</c> (server compute, waiting excluded),
/// <c>secagg.unmask_seconds</c> (part of it spent rebuilding secrets and removing masks),
/// <c>secagg.client_seconds_mean</c> and <c>secagg.client_seconds_max</c> (per client, over all
/// stages, training excluded, as the clients report them).
/// </para>
/// </remarks>
public sealed class SecureAggregationProtocol : IAggregationProtocol
{
    /// <summary>The protocol name of plain SecAgg in messages and reports.</summary>
    public const string SecAggName = "secagg";

    /// <summary>The protocol name of SecAgg+ in messages and reports.</summary>
    public const string SecAggPlusName = "secagg+";

    /// <summary>Creates the protocol.</summary>
    /// <param name="options">Its settings; the defaults when null.</param>
    public SecureAggregationProtocol(SecureAggregationOptions? options = null) => Options = options ?? new SecureAggregationOptions();

    /// <summary>The settings.</summary>
    public SecureAggregationOptions Options { get; }

    /// <inheritdoc/>
    public string Name => NameOf(Options.Variant);

    /// <summary>Draws a uniform integer below its argument for the SecAgg+ graph; the OS generator unless a test injects one.</summary>
    internal Func<int, int> RandomBelow { get; init; } = RandomNumberGenerator.GetInt32;

    /// <summary>Called with the unmasked ring sum (d + 1 words reduced to k bits) before decoding; for tests.</summary>
    internal Action<ulong[]>? SumRevealed { get; init; }

    /// <inheritdoc/>
    public string? Incompatibility(IAggregator aggregator)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        return aggregator is ISummableAggregator { SumForm: not null }
            ? null
            : $"secure aggregation reveals only the sum of the updates, but aggregator '{aggregator.Name}' needs each client's update";
    }

    /// <inheritdoc/>
    public Task<ProtocolOutcome> RunAsync(ProtocolRound round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        return new ServerRound(this, round).RunAsync(cancellationToken);
    }

    internal static string NameOf(SecureAggregationVariant variant) =>
        variant == SecureAggregationVariant.SecAggPlus ? SecAggPlusName : SecAggName;
}
