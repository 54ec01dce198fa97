using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.State;
using FedShield.Federation.Transport;

namespace FedShield.Privacy.Ffl;

/// <summary>
/// A participant of fragmented federated learning (seeds/003): it trains, scales its update by its data
/// size, chooses and accepts exchange partners by its local reputations ζ, runs EXCHANGE_FRAGMENTS with
/// its partner through the server's relay, and sends the server only its encrypted mixed update.
/// A poisoning participant plays one of the paper's attacker strategies (<see cref="Attacker"/>).
/// </summary>
public sealed partial class FflClient : IProtocolParticipant, ICheckpointable, IDisposable
{
    private readonly IFederatedClient _inner;
    private readonly IFederatedClient? _clean;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, double> _zeta = new(StringComparer.Ordinal);
    private RoundState? _state;
    private int _lastRound;
    private bool _disposed;

    /// <summary>An honest participant around a client that trains.</summary>
    public FflClient(IFederatedClient inner, TimeProvider? time = null)
        : this(inner, null, null, time)
    {
    }

    private FflClient(IFederatedClient inner, IFederatedClient? clean, FflAttackerStrategy? strategy, TimeProvider? time)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _clean = clean;
        Strategy = strategy;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public int Id => _inner.Id;

    /// <summary>The attacker strategy, or null for an honest participant.</summary>
    public FflAttackerStrategy? Strategy { get; }

    /// <summary>The local reputations ζ_k of the participants this one has exchanged with, by pseudonym (hex).</summary>
    public IReadOnlyDictionary<string, double> LocalReputations => _zeta;

    /// <summary>A poisoning participant.</summary>
    /// <param name="poisoned">The client whose (poisoned) update the attack uses.</param>
    /// <param name="clean">For <see cref="FflAttackerStrategy.ExchangePoisoned"/>: the same participant training honestly, for the good mixed update it sends the server.</param>
    /// <param name="strategy">The strategy.</param>
    /// <param name="time">Clock for the overhead measurement.</param>
    /// <exception cref="ArgumentException">Strategy 3 without a clean client, or ids that differ.</exception>
    public static FflClient Attacker(IFederatedClient poisoned, IFederatedClient? clean, FflAttackerStrategy strategy, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(poisoned);
        if (!Enum.IsDefined(strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown FFL attacker strategy");
        }

        if (strategy == FflAttackerStrategy.ExchangePoisoned && clean is null)
        {
            throw new ArgumentException("strategy 3 sends a good mixed update, so it needs the participant's clean training too", nameof(clean));
        }

        if (clean is not null && clean.Id != poisoned.Id)
        {
            throw new ArgumentException($"the clean client is {clean.Id} but the poisoned one is {poisoned.Id}", nameof(clean));
        }

        return new FflClient(poisoned, strategy == FflAttackerStrategy.ExchangePoisoned ? clean : null, strategy, time);
    }

    /// <inheritdoc />
    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return ValueTask.FromResult<ClientReply>(new ClientFailure(Id, instruction.Round, FailureKind.Error, $"client {Id} releases its update only as an FFL mixed update; it does not answer a plain fit instruction"));
    }

    /// <inheritdoc />
    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        (_clean ?? _inner).EvaluateAsync(instruction, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<ClientReply> HandleAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Check(message) is { } problem)
            {
                return Reject(message, problem);
            }

            try
            {
                var start = _time.GetTimestamp();
                var reply = message.Stage switch
                {
                    FflWire.TrainStage => await TrainAsync(message, cancellationToken).ConfigureAwait(false),
                    FflWire.InitiateStage => Initiate(message),
                    FflWire.AcceptStage => Accept(message),
                    FflWire.MixStage => MixAsInitiator(message),
                    FflWire.FinishStage => MixAsAcceptor(message),
                    _ => Feedback(message),
                };
                if (message.Stage != FflWire.TrainStage && _state is { } state)
                {
                    state.Overhead += _time.GetElapsedTime(start);
                    if (message.Stage is FflWire.MixStage or FflWire.FinishStage && reply is ProtocolReply done)
                    {
                        reply = done with { Metrics = Federation.Metrics.MetricSet.Of(new Federation.Metrics.Metric(OverheadMetric, state.Overhead.TotalSeconds)) };
                    }
                }

                return reply;
            }
            catch (InvalidDataException ex)
            {
                EndRound();
                return Reject(message, $"exchange abandoned: {ex.Message}");
            }
            catch (Exception)
            {
                EndRound();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public StateBag ExportState()
    {
        var bag = new StateBag();
        foreach (var (pseudonym, zeta) in _zeta)
        {
            bag.SetValue($"zeta.{pseudonym}", zeta);
        }

        if (_inner is ICheckpointable inner)
        {
            bag.Merge("inner.", inner.ExportState());
        }

        if (_clean is ICheckpointable clean)
        {
            bag.Merge("clean.", clean.ExportState());
        }

        return bag;
    }

    /// <inheritdoc />
    public void ImportState(StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _zeta.Clear();
        foreach (var (name, value) in state.Values.Where(v => v.Key.StartsWith("zeta.", StringComparison.Ordinal)))
        {
            _zeta[name["zeta.".Length..]] = double.Parse(value, CultureInfo.InvariantCulture);
        }

        if (_inner is ICheckpointable inner)
        {
            inner.ImportState(state.Extract("inner."));
        }

        if (_clean is ICheckpointable clean)
        {
            clean.ImportState(state.Extract("clean."));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        EndRound();
        _gate.Dispose();
    }

    private string? Check(ProtocolMessage message)
    {
        if (ParticipantChecks.Addressing(message, FflWire.Protocol, Id) is { } misaddressed)
        {
            return misaddressed;
        }

        if (message.Stage == FflWire.TrainStage)
        {
            return ParticipantChecks.Training(message, Id, _lastRound);
        }

        if (message.Stage is < FflWire.InitiateStage or > FflWire.FeedbackStage)
        {
            return $"FFL has no stage {message.Stage}";
        }

        if (_state is not { } state || state.Round != message.Round)
        {
            return $"no FFL round {message.Round} is in progress here{(_state is { } s ? $" (round {s.Round} is)" : string.Empty)}: a replayed or out-of-round message";
        }

        var expected = message.Stage switch
        {
            FflWire.InitiateStage or FflWire.AcceptStage => state.Stage == FflWire.TrainStage,
            FflWire.MixStage => state.Stage == FflWire.InitiateStage,
            FflWire.FinishStage => state.Stage == FflWire.AcceptStage,
            _ => state.Stage is FflWire.MixStage or FflWire.FinishStage,
        };
        return expected ? null : $"stage {FflWire.Describe(message.Stage)} is out of order after stage {FflWire.Describe(state.Stage)} (a replayed or out-of-order message)";
    }

    private ClientFailure Reject(ProtocolMessage message, string reason) =>
        new(Id, message.Round, FailureKind.Error, $"rejected FFL {FflWire.Describe(message.Stage)} stage of round {message.Round}: {reason}");

    private void EndRound()
    {
        _state?.Dispose();
        _state = null;
    }
}
