namespace FedShield.Experiments.Registry;

/// <summary>Where a run stands; stored in the registry as its lowercase name.</summary>
public enum RunStatus
{
    /// <summary><c>running</c>: started and not yet finished (or its process died without saying so).</summary>
    Running,

    /// <summary><c>completed</c>: every round done.</summary>
    Completed,

    /// <summary><c>interrupted</c>: stopped early on request (Ctrl+C); resumable from its last checkpoint.</summary>
    Interrupted,

    /// <summary><c>failed</c>: stopped by an error.</summary>
    Failed,
}
