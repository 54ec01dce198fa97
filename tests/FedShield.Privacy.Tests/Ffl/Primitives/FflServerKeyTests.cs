using System.Security.Cryptography;
using FedShield.Privacy.Crypto;
using FedShield.Privacy.Ffl;

namespace FedShield.Privacy.Tests.Ffl.Primitives;

public class FflServerKeyTests(FflServerKeyFixture fixture) : IClassFixture<FflServerKeyFixture>
{
    private const int Round = 7;

    private readonly FflServerKey _key = fixture.Key;

    [Fact]
    public void PublicKey_Imported_IsA3072BitSubjectPublicKeyInfo()
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(_key.PublicKey, out var read);

        Assert.Equal(_key.PublicKey.Length, read);
        Assert.Equal(3072, rsa.KeySize);
        Assert.Equal(3072 / 8, rsa.ExportParameters(includePrivateParameters: false).Modulus!.Length);
        Assert.Equal(0x30, _key.PublicKey[0]); // DER SEQUENCE
    }

    [Fact]
    public void DecryptSeed_SameRoundAndUploader_ReturnsTheSeed()
    {
        var (uploader, seed) = Inputs(42);

        var encrypted = FflServerKey.EncryptSeed(_key.PublicKey, Round, uploader, seed);
        var decrypted = _key.DecryptSeed(encrypted, Round, uploader);

        Assert.Equal(FflServerKey.EncryptedSeedBytes, encrypted.Length);
        Assert.Equal(384, encrypted.Length);
        Assert.Equal(seed, decrypted);
        Assert.Equal(Prg.SeedBytes, decrypted.Length);
    }

    [Fact]
    public void EncryptSeed_SameInputsTwice_GivesDifferentCiphertextsThatBothOpen()
    {
        var (uploader, seed) = Inputs(43);

        var first = FflServerKey.EncryptSeed(_key.PublicKey, Round, uploader, seed);
        var second = FflServerKey.EncryptSeed(_key.PublicKey, Round, uploader, seed);

        Assert.NotEqual(first, second); // OAEP is randomised
        Assert.Equal(seed, _key.DecryptSeed(second, Round, uploader));
    }

    [Fact]
    public void DecryptSeed_DifferentRound_ThrowsNamingTheRound()
    {
        var (uploader, seed) = Inputs(44);
        var encrypted = FflServerKey.EncryptSeed(_key.PublicKey, Round, uploader, seed);

        var ex = Assert.Throws<InvalidDataException>(() => _key.DecryptSeed(encrypted, Round + 1, uploader));

        Assert.Contains("round 7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecryptSeed_DifferentUploader_ThrowsInvalidData()
    {
        var (uploader, seed) = Inputs(45);
        var other = (byte[])uploader.Clone();
        other[^1] ^= 1;
        var encrypted = FflServerKey.EncryptSeed(_key.PublicKey, Round, uploader, seed);

        var ex = Assert.Throws<InvalidDataException>(() => _key.DecryptSeed(encrypted, Round, other));

        Assert.Contains("another participant", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(383)]
    public void DecryptSeed_OneFlippedByte_ThrowsInvalidData(int position)
    {
        var (uploader, seed) = Inputs(46);
        var encrypted = FflServerKey.EncryptSeed(_key.PublicKey, Round, uploader, seed);
        encrypted[position] ^= 0x01;

        Assert.Throws<InvalidDataException>(() => _key.DecryptSeed(encrypted, Round, uploader));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    [InlineData(383)]
    [InlineData(385)]
    public void DecryptSeed_WrongLength_ThrowsInvalidData(int length)
    {
        var (uploader, seed) = Inputs(47);
        var encrypted = FflServerKey.EncryptSeed(_key.PublicKey, Round, uploader, seed);
        var resized = new byte[length];
        encrypted.AsSpan(0, Math.Min(length, encrypted.Length)).CopyTo(resized);

        var ex = Assert.Throws<InvalidDataException>(() => _key.DecryptSeed(resized, Round, uploader));

        Assert.Contains("384", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptSeed_Rsa2048PublicKey_ThrowsInvalidData()
    {
        using var small = RSA.Create(2048);
        var (uploader, seed) = Inputs(48);

        var ex = Assert.Throws<InvalidDataException>(
            () => FflServerKey.EncryptSeed(small.ExportSubjectPublicKeyInfo(), Round, uploader, seed));

        Assert.Contains("2048", ex.Message, StringComparison.Ordinal);
    }

    private static (byte[] Uploader, byte[] Seed) Inputs(int seed)
    {
        var rng = new Random(seed);
        var uploader = new byte[FflWire.PseudonymBytes];
        var prgSeed = new byte[Prg.SeedBytes];
        rng.NextBytes(uploader);
        rng.NextBytes(prgSeed);
        return (uploader, prgSeed);
    }
}
