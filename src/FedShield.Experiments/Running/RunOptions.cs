using FedShield.Data.Sources;
using FedShield.Federation.Rounds;

namespace FedShield.Experiments.Running;

/// <summary>How to run an experiment (not what: that is the config).</summary>
public sealed record RunOptions
{
    /// <summary>The run directory to use instead of a new one under the config's <c>output</c> root.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>The run registry database; null for none.</summary>
    public string? RegistryPath { get; init; }

    /// <summary>Where datasets are looked for; the environment's locations by default.</summary>
    public DatasetLocator? Locator { get; init; }

    /// <summary>Progress callbacks.</summary>
    public IRunListener? Listener { get; init; }

    /// <summary>Extra per-round measurements.</summary>
    public IReadOnlyList<IRoundMetric> RoundMetrics { get; init; } = [];

    /// <summary>The clock for timestamps and timings; the system clock by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Stop after this round even if the budget is larger (tests simulate a kill with it); 0 for no limit.</summary>
    public int StopAfterRound { get; init; }

    /// <summary>
    /// The transport the orchestrator uses, built from the federation's clients; null for the in-process
    /// simulation. A network transport (a FedShield server) ignores the local clients: the clients are
    /// other processes, and their state is theirs to keep, so checkpoints then hold no client state.
    /// </summary>
    public Func<IReadOnlyList<Federation.Transport.IFederatedClient>, Federation.Transport.ITransport>? Transport { get; init; }
}
