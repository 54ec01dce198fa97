namespace FedShield.Experiments;

/// <summary>Where a run stands; written in <c>summary.json</c> in snake_case (<c>"completed"</c>).</summary>
public enum RunStatus
{
    /// <summary>Started and not finished (or killed before it could say otherwise).</summary>
    Running,

    /// <summary>All planned rounds done, or stopped by its stopping rule.</summary>
    Completed,

    /// <summary>Stopped by an error (see the notes).</summary>
    Failed,

    /// <summary>Stopped by the user (Ctrl+C) or a time limit; resumable from its last checkpoint.</summary>
    Interrupted,
}
