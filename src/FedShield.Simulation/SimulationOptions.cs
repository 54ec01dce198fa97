namespace FedShield.Simulation;

/// <summary>Settings of the in-process transport.</summary>
public sealed record SimulationOptions
{
    /// <summary>Creates validated options.</summary>
    /// <param name="workers">Clients run at once; 0 means one per processor core.</param>
    /// <exception cref="ArgumentOutOfRangeException">Workers is negative.</exception>
    public SimulationOptions(int workers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        Workers = workers == 0 ? Environment.ProcessorCount : workers;
    }

    /// <summary>The number of clients that run at once (resolved, ≥ 1).</summary>
    public int Workers { get; }
}
