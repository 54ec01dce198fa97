namespace FedShield.Benchmarks;

/// <summary>
/// One cell group of Table V of the FFL paper (Jebreel et al., "Fragmented federated learning",
/// seeds/003, section VIII-D): CPU seconds for one training round with a given number of updates.
/// </summary>
/// <param name="FedAvgAggregate">"FedAvg (FL)", server (S) "Aggr.": plain federated averaging of the updates.</param>
/// <param name="Decrypt">"FFL", server "Dec.": decrypting the encrypted mixed updates.</param>
/// <param name="Aggregate">"FFL", server "Aggr.": global reputation calculation and aggregation.</param>
/// <param name="Mix">"FFL", participant (P) "Mix.": a participant's overhead over standard FL (local reputation and EXCHANGE_FRAGMENTS), averaged over the participants.</param>
public sealed record FflPaperFigures(double FedAvgAggregate, double Decrypt, double Aggregate, double Mix)
{
    /// <summary>The paper's experimental machine, as its section VIII states it (Table V names no other).</summary>
    public const string Hardware = "AMD Ryzen 5 3600 6-core CPU, 32 GB RAM, NVIDIA GTX 1660 GPU with 6 GB RAM, Windows 10, PyTorch";

    /// <summary>
    /// Table V's figures for <paramref name="model"/> (<c>adult-mlp</c> is the paper's Adult-MLP,
    /// <c>mnist-cnn</c> its MNIST-CNN) with <paramref name="updates"/> updates (10, 50 or 100), or null
    /// where the table has no such cell.
    /// </summary>
    public static FflPaperFigures? Lookup(string model, int updates) => (model, updates) switch
    {
        ("adult-mlp", 10) => new(0.001, 0.064, 0.021, 0.231),
        ("adult-mlp", 50) => new(0.002, 0.263, 0.04, 0.239),
        ("adult-mlp", 100) => new(0.004, 0.359, 0.043, 0.249),
        ("mnist-cnn", 10) => new(0.001, 0.113, 0.016, 0.578),
        ("mnist-cnn", 50) => new(0.002, 0.509, 0.033, 0.583),
        ("mnist-cnn", 100) => new(0.004, 1.01, 0.035, 0.594),
        _ => null,
    };
}
