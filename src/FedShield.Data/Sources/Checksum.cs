using System.Security.Cryptography;

namespace FedShield.Data.Sources;

/// <summary>SHA-256 checksums of dataset files, compared in constant time and reported in lowercase hex.</summary>
public static class Checksum
{
    /// <summary>The SHA-256 of the file at <paramref name="path"/>, lowercase hex.</summary>
    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The SHA-256 of <paramref name="bytes"/>, lowercase hex.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Throws <see cref="DataFormatException"/> when <paramref name="actual"/> differs from
    /// <paramref name="expected"/> (hex, any case), naming the file and both values.
    /// </summary>
    /// <param name="file">The file checked.</param>
    /// <param name="what">What was hashed, e.g. "SHA-256 of the whole file" or "SHA-256 of the decompressed bytes".</param>
    /// <param name="expected">The published checksum.</param>
    /// <param name="actual">The checksum computed.</param>
    public static void Require(string file, string what, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new DataFormatException(file, what, $"checksum {actual} does not match the published {expected.ToLowerInvariant()}: the file is damaged, truncated or a different version. Delete it and provide the original (or disable verification if you use a modified copy on purpose).");
        }
    }
}
