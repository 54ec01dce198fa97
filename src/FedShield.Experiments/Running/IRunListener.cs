using FedShield.Experiments.Output;
using FedShield.Federation.Rounds;

namespace FedShield.Experiments.Running;

/// <summary>Follows an experiment run: the round loop's callbacks plus the run's own milestones. Every method is optional.</summary>
public interface IRunListener : IFederationObserver
{
    /// <summary>The federation is built and the first round is about to start.</summary>
    void RunStarted(RunInfo run) { }

    /// <summary>A round's row was written to the journal.</summary>
    void RoundWritten(RoundRow row, RoundRecord record) { }

    /// <summary>A checkpoint was written after <paramref name="round"/>.</summary>
    void CheckpointWritten(int round, string path) { }
}
