namespace FedShield.Data.Sources;

/// <summary>One file a dataset needs, with what is published about it.</summary>
/// <param name="Name">The file name inside the dataset's folder.</param>
/// <param name="Sha256">SHA-256 of the file as published (lowercase hex), verifying downloads; null when unknown.</param>
/// <param name="ContentSha256">
/// For compressed files: SHA-256 of the decompressed bytes, which stays the same when a distributor
/// recompresses the file (Debian's Fashion-MNIST); null when not applicable.
/// </param>
/// <param name="Urls">Canonical download locations, tried in order; empty when the file must be obtained by hand.</param>
public sealed record DatasetFile(string Name, string? Sha256 = null, string? ContentSha256 = null, IReadOnlyList<Uri>? Urls = null)
{
    /// <summary>Whether the file can be downloaded and verified automatically.</summary>
    public bool Downloadable => Urls is { Count: > 0 } && (Sha256 is not null || ContentSha256 is not null);
}
