using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;

namespace FedShield.Attacks.Tests;

/// <summary>A client that keeps no state and cannot transform its data.</summary>
internal sealed class PlainClient(int id) : IFederatedClient
{
    public int Id => id;

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken) =>
        new(FakeClient.Update(id, instruction.Round, new float[instruction.Weights.Length]));

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        new(new ClientEvaluation(id, instruction.Round, 0, double.NaN, double.NaN, MetricSet.Empty));
}
