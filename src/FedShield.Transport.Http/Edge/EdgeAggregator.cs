using FedShield.Federation;
using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;

namespace FedShield.Transport.Http.Edge;

/// <summary>
/// An edge aggregator (a base station's MEC server in the seed papers' device → base station → cloud
/// hierarchy): to its upstream server it is one client; to its own devices it is a server. A training
/// instruction from upstream becomes a local round over the devices available on <paramref name="devices"/>
/// (each with its own seed derived from the upstream seed), and the devices' updates go upstream as one
/// update: their mean weighted by sample count, with the devices' total sample count as its weight, so
/// that the cloud's weighted mean over edges equals the weighted mean over all devices.
/// </summary>
/// <param name="id">The edge's client id upstream.</param>
/// <param name="devices">The transport to the edge's devices (its own server's, or a simulation).</param>
/// <param name="options">Local-round settings.</param>
public sealed class EdgeAggregator(int id, ITransport devices, EdgeOptions options) : IFederatedClient
{
    /// <inheritdoc />
    public int Id { get; } = id;

    /// <summary>The local-round settings.</summary>
    public EdgeOptions Options { get; } = Validated(options);

    /// <inheritdoc />
    public async ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var present = devices.AvailableClients;
        if (present.Count < Options.MinReplies)
        {
            return new ClientFailure(Id, instruction.Round, FailureKind.Unavailable, $"edge {Id} has {present.Count} device(s) connected and needs {Options.MinReplies}");
        }

        var local = present.Select(d => instruction with { ClientId = d, Seed = SeedStreams.Derive(instruction.Seed, SeedStreams.ClientFit, d, instruction.Round) }).ToArray();
        var weights = instruction.Weights.Span.ToArray();
        var sum = new double[weights.Length];
        var updates = new SortedDictionary<int, ClientUpdate>();
        var failures = 0;
        await foreach (var reply in devices.FitAsync(local, Options.RoundTimeout, cancellationToken).ConfigureAwait(false))
        {
            if (reply is ClientUpdate u && u.Values.Length == weights.Length && u.SampleCount > 0)
            {
                updates[u.ClientId] = u;
            }
            else
            {
                failures++;
            }
        }

        if (updates.Count < Options.MinReplies)
        {
            return new ClientFailure(Id, instruction.Round, FailureKind.Error, $"edge {Id}: {updates.Count} of {local.Length} devices answered and {Options.MinReplies} are required");
        }

        // In device-id order, so that the edge's aggregate does not depend on arrival order.
        long samples = 0;
        var metrics = new WeightedMetricMeans();
        foreach (var u in updates.Values)
        {
            samples += u.SampleCount;
            var values = u.Values;
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += u.SampleCount * (double)(u.Kind == UpdateKind.Weights ? values[i] - weights[i] : values[i]);
            }

            metrics.Add(u.Metrics, u.SampleCount);
        }

        var delta = new float[sum.Length];
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = (float)(sum[i] / samples);
        }

        var own = MetricSet.Of(new Metric("edge.devices", updates.Count), new Metric("edge.device_failures", failures));
        return new ClientUpdate(Id, instruction.Round, delta, UpdateKind.Delta, samples, own.Concat(metrics.ToMetricSet()));
    }

    /// <inheritdoc />
    public async ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var local = devices.AvailableClients.Select(d => instruction with { ClientId = d }).ToArray();
        long samples = 0;
        double loss = 0, accuracy = 0;
        await foreach (var reply in devices.EvaluateAsync(local, Options.RoundTimeout, cancellationToken).ConfigureAwait(false))
        {
            if (reply is ClientEvaluation e && e.SampleCount > 0)
            {
                samples += e.SampleCount;
                loss += e.SampleCount * e.Loss;
                accuracy += e.SampleCount * e.Accuracy;
            }
        }

        return samples == 0
            ? new ClientFailure(Id, instruction.Round, FailureKind.Error, $"edge {Id}: no device evaluated")
            : new ClientEvaluation(Id, instruction.Round, samples, loss / samples, accuracy / samples, MetricSet.Empty);
    }

    private static EdgeOptions Validated(EdgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
