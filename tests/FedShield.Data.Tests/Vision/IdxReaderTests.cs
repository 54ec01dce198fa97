using FedShield.Data.Sources;
using FedShield.Data.Vision;

namespace FedShield.Data.Tests.Vision;

public class IdxReaderTests
{
    private static readonly byte[] Pixels = [.. Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10))];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_ValidFile_ReturnsDimensionsAndData(bool gzip)
    {
        using var dir = new TempDirectory();
        var raw = IdxWriter.Encode([2, 3, 4], Pixels);
        File.WriteAllBytes(dir.File("x.idx"), gzip ? IdxWriter.Gzip(raw) : raw);
        var idx = IdxReader.Read(dir.File("x.idx"), 3, Checksum.Sha256(raw));
        Assert.Equal([2, 3, 4], idx.Dimensions);
        Assert.Equal(Pixels, idx.Data);
        Assert.Equal(2, idx.Count);
    }

    [Fact]
    public void Read_WrongMagic_NamesFileOffsetAndExpectedMagic()
    {
        using var dir = new TempDirectory();
        var raw = IdxWriter.Encode([2, 3, 4], Pixels, type: 0x0D);
        File.WriteAllBytes(dir.File("bad.idx"), raw);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("bad.idx")));
        Assert.Equal(dir.File("bad.idx"), e.File);
        Assert.Equal("byte 0", e.Position);
        Assert.Contains("0x00000D03", e.Problem, StringComparison.Ordinal);
        Assert.Contains("0x00000803", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongRank_SaysHowManyDimensionsWereExpected()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("labels.idx"), IdxWriter.Encode([24], Pixels));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("labels.idx"), expectedRank: 3));
        Assert.Contains("1 dimensions, expected 3", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedGzip_NamesTheFileAndWhereItEnds()
    {
        using var dir = new TempDirectory();
        var big = new byte[100_000];
        new Random(1).NextBytes(big);
        var gz = IdxWriter.Gzip(IdxWriter.Encode([100, 1000], big));
        File.WriteAllBytes(dir.File("cut.gz"), gz[..(gz.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("cut.gz")));
        Assert.Equal(dir.File("cut.gz"), e.File);
        Assert.Matches("^(decompressed|compressed) byte [0-9]+$", e.Position);
        Assert.True(e.Problem.Contains("truncated", StringComparison.Ordinal) || e.Problem.Contains("corrupt", StringComparison.Ordinal), e.Problem);
    }

    [Fact]
    public void Read_CorruptGzipBody_IsReportedNotSilentlyShort()
    {
        using var dir = new TempDirectory();
        var data = new byte[50_000];
        new Random(2).NextBytes(data);
        var gz = IdxWriter.Gzip(IdxWriter.Encode([50_000], data));
        for (int i = 20; i < 200; i++)
        {
            gz[i] ^= 0x5A;
        }

        File.WriteAllBytes(dir.File("corrupt.gz"), gz);
        Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("corrupt.gz"), 1));
    }

    [Fact]
    public void Read_TruncatedRawFile_SaysHowManyBytesAreMissing()
    {
        using var dir = new TempDirectory();
        var raw = IdxWriter.Encode([2, 3, 4], Pixels);
        File.WriteAllBytes(dir.File("short.idx"), raw[..^5]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("short.idx")));
        Assert.Equal($"byte {raw.Length - 5}", e.Position);
        Assert.Contains("5 bytes short", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingBytes_AreAnError()
    {
        using var dir = new TempDirectory();
        var raw = IdxWriter.Encode([2, 3, 4], Pixels);
        File.WriteAllBytes(dir.File("long.idx"), [.. raw, 7]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("long.idx")));
        Assert.Equal($"byte {raw.Length}", e.Position);
        Assert.Contains("extra bytes", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ChecksumMismatch_NamesBothChecksums()
    {
        using var dir = new TempDirectory();
        var raw = IdxWriter.Encode([2, 3, 4], Pixels);
        string expected = Checksum.Sha256(raw);
        raw[^1] ^= 1;
        File.WriteAllBytes(dir.File("flipped.idx"), raw);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("flipped.idx"), 3, expected));
        Assert.Equal("SHA-256 of the whole file", e.Position);
        Assert.Contains(expected, e.Problem, StringComparison.Ordinal);
        Assert.Contains(Checksum.Sha256(raw), e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.Read(dir.File("absent.gz")));
        Assert.Contains("absent.gz", e.Message, StringComparison.Ordinal);
    }
}
