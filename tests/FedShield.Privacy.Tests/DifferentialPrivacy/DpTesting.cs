using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Transport;
using FedShield.Privacy.DifferentialPrivacy;
using FsCheck;
using Microsoft.FSharp.Core;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

/// <summary>Seeded noise, fake clients and FsCheck settings shared by the differential privacy tests.</summary>
internal static class DpTesting
{
    /// <summary>FsCheck with a fixed generator seed and a modest number of cases.</summary>
    public static Config FixedSeed { get; } = Config.QuickThrowOnFailure
        .WithMaxTest(300)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20260601UL), FSharpOption<int>.None)));

    /// <summary>A 32-byte seed whose bytes are <paramref name="fill"/>.</summary>
    public static byte[] Seed(byte fill) => [.. Enumerable.Repeat(fill, 32)];

    /// <summary>A sampler for the stream of <see cref="Seed"/>(<paramref name="fill"/>).</summary>
    public static GaussianNoise Noise(byte fill) => GaussianNoise.FromSeed(Seed(fill));

    /// <summary>The first <paramref name="count"/> standard normals of the stream of <see cref="Seed"/>(<paramref name="fill"/>).</summary>
    public static double[] Normals(byte fill, int count)
    {
        using var noise = Noise(fill);
        var values = new double[count];
        noise.Fill(values, 1.0);
        return values;
    }

    /// <summary>Φ(x), the standard normal distribution function, from ½·erfc(−x/√2).</summary>
    public static double NormalCdf(double x) => 0.5 * Math.Exp(LogMath.LogErfc(-x / Math.Sqrt(2)));

    /// <summary>ClientUpdate of a delta.</summary>
    public static ClientUpdate Delta(int clientId, params float[] values) =>
        new(clientId, 1, values, UpdateKind.Delta, 1, MetricSet.Empty);
}

/// <summary>A client that answers every fit with the same values (a copy), of the given kind.</summary>
internal sealed class FixedClient(int id, float[] values, UpdateKind kind = UpdateKind.Delta, long samples = 10) : IFederatedClient
{
    public int Id => id;

    public int Fits { get; private set; }

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        Fits++;
        return ValueTask.FromResult<ClientReply>(new ClientUpdate(id, instruction.Round, (float[])values.Clone(), kind, samples, MetricSet.Of(new Metric("train_loss", 0.5))));
    }

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ClientReply>(new ClientEvaluation(id, instruction.Round, 3, 0.25, 0.75, MetricSet.Empty));
}

/// <summary>A client whose fit returns whatever reply the test gives it.</summary>
internal sealed class ScriptedClient(int id, Func<FitInstruction, ClientReply> fit) : IFederatedClient
{
    public int Id => id;

    public ValueTask<ClientReply> FitAsync(FitInstruction instruction, CancellationToken cancellationToken) =>
        ValueTask.FromResult(fit(instruction));

    public ValueTask<ClientReply> EvaluateAsync(EvaluateInstruction instruction, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the scripted client does not evaluate");
}
