using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Privacy.Niss;

/// <summary>
/// The client side of NISS (Algorithm 2, ClientUpdate and ClientShare), a decorator around an
/// honest client. Per round, in three stages driven by <see cref="NissProtocol"/>:
/// <list type="number">
/// <item>train: runs the inner client, turns its reply into a delta Δ_k, clips it to L2 norm C (or
/// the aggregator's tighter bound), makes a fresh P-256 key pair and answers its public key and
/// sample count m_k;</item>
/// <item>share: given its weight p_k and its neighbours' keys, takes σ_k (the Gaussian mechanism for
/// Δf_k, or <see cref="NissOptions.NoiseStd"/>), cuts N(0, σ_k²·I_d) into v = ⌈σ_k²/σ²⌉ shares
/// n_i, each the expansion of a fresh 32-byte seed from the OS generator, keeps Σ n_i and deals the
/// seeds (the negated shares −n_i) to its neighbours in turn, sealed with AES-256-GCM under a key
/// agreed with each neighbour;</item>
/// <item>upload: opens the boxes relayed to it, multiplies each received share r_i = −n_i by its own
/// s_i ~ N(1, τ_k²) and uploads p_k·Δ_k + Σ n_i + Σ s_i·r_i.</item>
/// </list>
/// </summary>
/// <remarks>
/// The client refuses plain fit instructions (its update leaves only through NISS), messages of
/// another protocol or addressed to another client, stages out of order, and any round not later
/// than the last one it started (replays). A box that fails authentication or holds malformed
/// shares is left out and named in the upload, so the server can count the noise left un-offset.
/// Its key, delta, noise and share seeds are zeroed when the round ends, succeeds or fails.
/// Evaluation is passed through.
/// </remarks>
public sealed partial class NissClient : IProtocolParticipant, IDisposable
{
    private readonly IFederatedClient _inner;
    private readonly INissRandomness _random;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RoundState? _state;
    private int _lastRound;
    private bool _disposed;

    /// <summary>Wraps <paramref name="inner"/>; all randomness comes from the operating system's generator.</summary>
    /// <param name="inner">The honest client that trains.</param>
    /// <param name="options">This client's NISS settings (budget, clipping, τ_k, unit variance).</param>
    public NissClient(IFederatedClient inner, NissOptions options)
        : this(inner, options, new OsNissRandomness())
    {
    }

    /// <summary>Wraps <paramref name="inner"/> with an injected source of seeds and normals (tests).</summary>
    internal NissClient(IFederatedClient inner, NissOptions options, INissRandomness random)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _random = random ?? throw new ArgumentNullException(nameof(random));
    }

    /// <inheritdoc/>
    public int Id => _inner.Id;

    /// <summary>This client's settings.</summary>
    public NissOptions Options { get; }

    /// <summary>Refuses: this client releases its update only through NISS.</summary>
    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return ValueTask.FromResult<ClientReply>(new ClientFailure(Id, instruction.Round, FailureKind.Error, $"client {Id} releases its update only through NISS; it does not answer a plain fit instruction"));
    }

    /// <inheritdoc/>
    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        _inner.EvaluateAsync(instruction, cancellationToken);

    /// <summary>
    /// Answers one NISS stage. A message this client refuses (wrong protocol, client, round or stage;
    /// malformed payload) yields a <see cref="ClientFailure"/> of kind <see cref="FailureKind.Error"/>
    /// whose reason begins "rejected".
    /// </summary>
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
                return message.Stage switch
                {
                    NissWire.TrainStage => await TrainAsync(message, cancellationToken).ConfigureAwait(false),
                    NissWire.ShareStage => Share(message, cancellationToken),
                    _ => Upload(message, cancellationToken),
                };
            }
            catch (InvalidDataException ex)
            {
                EndRound();
                return Reject(message, ex.Message);
            }
            catch (Exception)
            {
                // Cancelled, or an error the transport reports as a failure: the round is over either way.
                EndRound();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Zeroes any round in progress and releases the randomness source.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        EndRound();
        _random.Dispose();
        _gate.Dispose();
    }

    private string? Check(ProtocolMessage message)
    {
        if (ParticipantChecks.Addressing(message, NissWire.Protocol, Id) is { } misaddressed)
        {
            return misaddressed;
        }

        switch (message.Stage)
        {
            case NissWire.TrainStage:
                return ParticipantChecks.Training(message, Id, _lastRound);
            case NissWire.ShareStage or NissWire.UploadStage:
                if (_state is not { } state || state.Round != message.Round)
                {
                    return $"no NISS round {message.Round} is in progress here{(_state is { } s ? $" (round {s.Round} is)" : string.Empty)}: a replayed or out-of-round message";
                }

                return state.Stage != message.Stage - 1
                    ? $"stage {message.Stage} is out of order after stage {state.Stage} (a replayed or out-of-order message)"
                    : null;
            default:
                return $"NISS has no stage {message.Stage}";
        }
    }

    private ClientFailure Reject(ProtocolMessage message, string reason) =>
        new(Id, message.Round, FailureKind.Error, $"rejected NISS stage {message.Stage} of round {message.Round}: {reason}");

    private void EndRound()
    {
        _state?.Dispose();
        _state = null;
    }
}
