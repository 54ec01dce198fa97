using System.IO.Compression;
using System.Security.Cryptography;

namespace FedShield.Data.Sources;

/// <summary>
/// Downloads a dataset's files into a folder: each file streamed to a temporary name in the same folder,
/// its SHA-256 checked against the published value (or, for files distributors recompress, the SHA-256 of
/// the decompressed bytes), then renamed into place, so a crash or a bad mirror never leaves a file that
/// looks complete.
/// </summary>
internal sealed class DatasetDownloader
{
    private readonly HttpClient _http;
    private readonly TextWriter? _log;

    public DatasetDownloader(HttpClient http, TextWriter? log)
    {
        _http = http;
        _log = log;
    }

    /// <summary>Downloads every file of <paramref name="dataset"/> missing from <paramref name="target"/>; false (with reasons in <paramref name="failures"/>) if one could not be.</summary>
    public async Task<bool> DownloadAllAsync(DatasetDescriptor dataset, string target, List<string> failures, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failures.Add($"cannot create {target}: {e.Message}");
            return false;
        }

        foreach (var file in dataset.Files)
        {
            string destination = Path.Combine(target, file.Name);
            if (File.Exists(destination))
            {
                continue; // only verified downloads are ever renamed into place
            }

            bool done = false;
            foreach (var url in file.Urls ?? [])
            {
                try
                {
                    await DownloadOneAsync(file, url, destination, cancellationToken).ConfigureAwait(false);
                    done = true;
                    break;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException or DataFormatException or TaskCanceledException or UnauthorizedAccessException)
                {
                    failures.Add($"{url}: {e.Message}");
                }
            }

            if (!done)
            {
                RemoveIfEmpty(target);
                return false;
            }
        }

        return true;
    }

    private async Task DownloadOneAsync(DatasetFile file, Uri url, string destination, CancellationToken cancellationToken)
    {
        string temp = Path.Combine(Path.GetDirectoryName(destination)!, $".{file.Name}.{Guid.NewGuid():N}.partial");
        try
        {
            _log?.WriteLine($"downloading {url}");
            using (var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
            {
                response.EnsureSuccessStatusCode();
                long? length = response.Content.Headers.ContentLength;
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    await using (output.ConfigureAwait(false))
                    {
                        var buffer = new byte[1 << 16];
                        long total = 0;
                        int lastTenth = 0;
                        int n;
                        while ((n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            hash.AppendData(buffer, 0, n);
                            await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                            total += n;
                            if (length is > 0 && (int)(total * 10 / length.Value) is var tenth && tenth > lastTenth)
                            {
                                lastTenth = tenth;
                                _log?.WriteLine($"  {file.Name}: {tenth * 10}% of {length.Value / 1e6:F1} MB");
                            }
                        }

                        if (length is { } expectedLength && total != expectedLength)
                        {
                            throw new DataFormatException(url.ToString(), $"byte {total}", $"the download ended after {total} bytes; the server announced {expectedLength}.");
                        }
                    }
                }

                string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (file.Sha256 is not null)
                {
                    Checksum.Require(url.ToString(), "SHA-256 of the download", file.Sha256, actual);
                }
            }

            if (file.Sha256 is null && file.ContentSha256 is not null)
            {
                Checksum.Require(url.ToString(), "SHA-256 of the decompressed download", file.ContentSha256, ContentSha256(temp));
            }

            File.Move(temp, destination, overwrite: true);
            _log?.WriteLine($"  {file.Name}: verified, saved to {destination}");
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
            // Leaving an empty folder behind is harmless.
        }
    }

    /// <summary>SHA-256 of the file's bytes after gzip decompression (of the bytes themselves when not gzip).</summary>
    private static string ContentSha256(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        bool gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        try
        {
            using var content = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            return Convert.ToHexStringLower(SHA256.HashData(content));
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"compressed byte {file.Position}", $"the downloaded gzip stream is corrupt ({e.Message}).", e);
        }
    }
}
