namespace FedShield.Benchmarks;

/// <summary>What the PyTorch side of the round benchmark measured, or why it did not run.</summary>
/// <param name="RoundSeconds">PyTorch's mean wall-clock seconds per timed round; null when it did not run.</param>
/// <param name="Threads">The intra-op threads PyTorch ran with; null when it did not run.</param>
/// <param name="DefaultThreads">PyTorch's default intra-op thread count on this machine (what a script gets without <c>torch.set_num_threads</c>); null when unknown.</param>
/// <param name="Version">The torch version; null when it did not run.</param>
/// <param name="FinalLoss">PyTorch's mean training loss of the last client of the last round; null when it did not run.</param>
/// <param name="Note">A one-line account: the version and threads when it ran, otherwise why not.</param>
public sealed record RoundReferenceResult(double? RoundSeconds, int? Threads, int? DefaultThreads, string? Version, double? FinalLoss, string Note)
{
    /// <summary>A result that says why the reference did not run.</summary>
    public static RoundReferenceResult NotRun(string note, int? defaultThreads = null) => new(null, null, defaultThreads, null, null, note);
}
