using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Privacy.DifferentialPrivacy;

/// <summary>
/// Local differential privacy around an honest client (the NISS paper's DP-FedAvg baseline, its
/// Algorithm 1): after local training the client turns its result into a delta from the global
/// weights it was sent, clips the delta to L2 norm C and adds N(0, σ²) to every coordinate from a
/// CSPRNG-backed <see cref="GaussianNoise"/>, so what leaves the device is already private. It
/// always returns a <see cref="UpdateKind.Delta"/> update with the inner client's sample count and
/// metrics.
/// </summary>
/// <remarks>
/// <para>
/// The privacy guarantee covers the update values only: the sample count and whatever metrics the
/// inner client reports (training loss, ...) travel unprotected. Under secure aggregation with
/// <see cref="LocalDpOptions.ShareAmong"/>, the same decorator gives distributed DP.
/// </para>
/// <para>
/// An inner reply that is not an update (a failure) passes through; an update of the wrong length or
/// with non-finite values becomes a <see cref="FailureKind.Malformed"/> failure rather than being
/// noised. Evaluation passes through unchanged.
/// </para>
/// </remarks>
public sealed class LocalDpClient : IFederatedClient, IDisposable
{
    private readonly IFederatedClient _inner;
    private readonly GaussianNoise _noise;
    private readonly bool _ownsNoise;
    private readonly Lock _gate = new();

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The honest client.</param>
    /// <param name="options">Clipping norm and noise.</param>
    /// <param name="noise">The noise source; null for a sampler keyed by the operating system's random generator (owned and disposed by this client).</param>
    public LocalDpClient(IFederatedClient inner, LocalDpOptions options, GaussianNoise? noise = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _ownsNoise = noise is null;
        _noise = noise ?? new GaussianNoise();
    }

    /// <inheritdoc/>
    public int Id => _inner.Id;

    /// <summary>The clipping norm and noise in use.</summary>
    public LocalDpOptions Options { get; }

    /// <inheritdoc/>
    public async ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var reply = await _inner.FitAsync(instruction, cancellationToken).ConfigureAwait(false);
        if (reply is not ClientUpdate update)
        {
            return reply;
        }

        var weights = instruction.Weights.Span;
        var values = update.Values;
        if (values is null || values.Length != weights.Length)
        {
            return new ClientFailure(update.ClientId, update.Round, FailureKind.Malformed, $"local DP: the update has {values?.Length ?? 0} values but the model has {weights.Length}");
        }

        // The receiver owns the update's array, so the delta is formed in place.
        if (update.Kind == UpdateKind.Weights)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] -= weights[i];
            }
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return new ClientFailure(update.ClientId, update.Round, FailureKind.Malformed, $"local DP: the update has a non-finite value at index {i}");
            }
        }

        L2Clipping.ClipInPlace(values, Options.ClipNorm);
        lock (_gate)
        {
            _noise.AddInPlace(values, Options.NoiseStd);
        }

        return update with { Values = values, Kind = UpdateKind.Delta };
    }

    /// <inheritdoc/>
    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        _inner.EvaluateAsync(instruction, cancellationToken);

    /// <summary>Disposes the noise source when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsNoise)
        {
            lock (_gate)
            {
                _noise.Dispose();
            }
        }
    }
}
