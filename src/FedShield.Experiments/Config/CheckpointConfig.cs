using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Config;

/// <summary>The <c>checkpoint</c> section: how often the run saves a resumable checkpoint.</summary>
public sealed record CheckpointConfig
{
    /// <summary>Creates and validates the checkpoint settings.</summary>
    /// <param name="every">Save a checkpoint every N rounds, 0 for never (<c>checkpoint.every</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> is negative.</exception>
    public CheckpointConfig(int every = ConfigDefaults.CheckpointEvery)
    {
        ConfigKeys.CheckpointEvery.Check(every, nameof(every));
        Every = every;
    }

    /// <summary>Save a checkpoint every N rounds; 0 for never (<c>checkpoint.every</c>).</summary>
    public int Every { get; }

    /// <summary>Whether a checkpoint is due after a 1-based round.</summary>
    public bool IsCheckpointRound(int round) => Every > 0 && round > 0 && round % Every == 0;
}
