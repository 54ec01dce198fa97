using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// The client side of secure aggregation (SecAgg and SecAgg+): a decorator around an honest
/// <see cref="IFederatedClient"/> that answers the four stages of <see cref="SecureAggregationProtocol"/>.
/// It trains at stage 0 (the message carries the round's <see cref="FitInstruction"/>), so the slow,
/// failure-prone step happens before any key is shared: a client that fails to train costs the
/// others nothing, and the key-sharing stages that follow are short, which keeps dropouts after
/// sharing (each of which costs the server a key reconstruction and O(n·d) mask work) rare.
/// </summary>
/// <remarks>
/// <para>
/// Each round's state is checked strictly: a message for another client or protocol, a stage out of
/// order, a repeated stage, a round not after the last one, a payload that does not decode, a share
/// box that fails authentication, or a server request that would reveal too much (fewer than t
/// survivors, a client listed both as survivor and dropped, this client listed as dropped) makes the
/// client answer a <see cref="ClientFailure"/> of kind <see cref="FailureKind.Malformed"/> naming the
/// problem and abandon the round, zeroing its secrets.
/// </para>
/// <para>
/// The client's training metrics stay on the client: the server learns only the sum of the updates
/// and of the weights. Each reply carries the client's own compute time for the stage, training
/// excluded, as <see cref="ClientSecondsMetric"/>.
/// </para>
/// </remarks>
public sealed partial class SecureAggregationClient : IProtocolParticipant, IDisposable
{
    /// <summary>The reply metric holding the client's compute time for the stage, in seconds (training excluded).</summary>
    public const string ClientSecondsMetric = "secagg.client_seconds";

    private readonly IFederatedClient _inner;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ClientRoundState? _state;
    private int _lastRound;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The honest client that trains.</param>
    /// <param name="time">The clock for the reported compute times; the system clock by default.</param>
    public SecureAggregationClient(IFederatedClient inner, TimeProvider? time = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public int Id => _inner.Id;

    /// <summary>The wrapped client.</summary>
    public IFederatedClient Inner => _inner;

    /// <summary>The state of the latest round this client took part in (zeroed once that round ended); for tests.</summary>
    internal ClientRoundState? LastState { get; private set; }

    /// <inheritdoc/>
    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken) =>
        _inner.FitAsync(instruction, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        _inner.EvaluateAsync(instruction, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<ClientReply> HandleAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await HandleInOrderAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            Abandon();
            return new ClientFailure(Id, message.Round, FailureKind.Malformed, $"client {Id} rejected stage {message.Stage} of round {message.Round} ('{message.Protocol}'): {ex.Message}");
        }
        catch
        {
            Abandon();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Abandons the round in progress, if any, zeroing its keys, seeds and shares (a client that goes
    /// offline loses its state; <see cref="DropoutClient"/> calls this when it drops).
    /// </summary>
    public void AbandonRound()
    {
        _gate.Wait();
        try
        {
            Abandon();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Abandons the round in progress and releases the lock.</summary>
    public void Dispose()
    {
        Abandon();
        _gate.Dispose();
    }

    private async ValueTask<ClientReply> HandleInOrderAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        if (message.ClientId != Id)
        {
            throw new FormatException($"the message is addressed to client {message.ClientId}");
        }

        if (message.Protocol is not (SecureAggregationProtocol.SecAggName or SecureAggregationProtocol.SecAggPlusName))
        {
            throw new FormatException($"unknown protocol '{message.Protocol}'; this client runs '{SecureAggregationProtocol.SecAggName}' and '{SecureAggregationProtocol.SecAggPlusName}'");
        }

        return message.Stage switch
        {
            (int)SecureAggregationStage.AdvertiseKeys => await AdvertiseKeysAsync(message, cancellationToken).ConfigureAwait(false),
            (int)SecureAggregationStage.ShareKeys => ShareKeys(message, Expect(message, SecureAggregationStage.ShareKeys)),
            (int)SecureAggregationStage.MaskedInputCollection => MaskInput(message, Expect(message, SecureAggregationStage.MaskedInputCollection)),
            (int)SecureAggregationStage.Unmasking => RevealShares(message, Expect(message, SecureAggregationStage.Unmasking)),
            _ => throw new FormatException($"unknown stage {message.Stage}"),
        };
    }

    private ClientRoundState Expect(ProtocolMessage message, SecureAggregationStage stage)
    {
        if (_state is not { } state)
        {
            throw new FormatException($"no round is in progress (stage 0 of round {message.Round} was not received, or the round already ended)");
        }

        if (state.Round != message.Round || state.Protocol != message.Protocol)
        {
            throw new FormatException($"the message belongs to round {message.Round} ('{message.Protocol}') but round {state.Round} ('{state.Protocol}') is in progress");
        }

        return state.NextStage == stage
            ? state
            : throw new FormatException($"stage {(int)stage} arrived while stage {(int)state.NextStage} was expected (a replayed or out-of-order message)");
    }

    private ProtocolReply Reply(ProtocolMessage message, byte[] payload, long start) =>
        new(Id, message.Round, message.Protocol, message.Stage, payload, MetricSet.Of(new Metric(ClientSecondsMetric, _time.GetElapsedTime(start).TotalSeconds)));

    private void Abandon()
    {
        _state?.Clear();
        _state = null;
    }

    private static void CheckOwnKey(byte[] relayed, AgreementKey own, string what)
    {
        if (!relayed.AsSpan().SequenceEqual(own.PublicKey))
        {
            throw new FormatException($"the group lists another {what} for this client than the one it advertised");
        }
    }
}
