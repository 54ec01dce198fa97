using System.Text;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.Tests.Crypto;

public class AgreementKeyTests
{
    [Fact]
    public void DeriveKey_BothSides_AgreeAndDependOnPurpose()
    {
        using var a = AgreementKey.Create();
        using var b = AgreementKey.Create();
        var ab = a.DeriveKey(b.PublicKey, "enc"u8);
        var ba = b.DeriveKey(a.PublicKey, "enc"u8);
        Assert.Equal(ab, ba);
        Assert.Equal(32, ab.Length);
        Assert.NotEqual(ab, a.DeriveKey(b.PublicKey, "mask"u8));
    }

    [Fact]
    public void DeriveKey_ThirdParty_GetsADifferentKey()
    {
        using var a = AgreementKey.Create();
        using var b = AgreementKey.Create();
        using var c = AgreementKey.Create();
        Assert.NotEqual(a.DeriveKey(b.PublicKey, "enc"u8), c.DeriveKey(b.PublicKey, "enc"u8));
    }

    [Fact]
    public void FromPrivateKey_Rebuilt_AgreesLikeTheOriginal()
    {
        using var a = AgreementKey.Create();
        using var b = AgreementKey.Create();
        var d = a.ExportPrivateKey();
        using var rebuilt = AgreementKey.FromPrivateKey(d, a.PublicKey);
        Assert.Equal(a.Agree(b.PublicKey), rebuilt.Agree(b.PublicKey));
    }

    [Fact]
    public void FromPrivateKey_MismatchedPublicKey_Throws()
    {
        using var a = AgreementKey.Create();
        using var b = AgreementKey.Create();
        Assert.Throws<ArgumentException>(() => AgreementKey.FromPrivateKey(a.ExportPrivateKey(), b.PublicKey).Dispose());
    }

    [Fact]
    public void Agree_MalformedPeerKeys_AreRejected()
    {
        using var a = AgreementKey.Create();
        var shortKey = new byte[64];
        Assert.Contains("65 bytes", Assert.Throws<ArgumentException>(() => a.Agree(shortKey)).Message, StringComparison.Ordinal);
        var offCurve = (byte[])a.PublicKey.Clone();
        offCurve[40] ^= 1;
        Assert.Throws<ArgumentException>(() => a.Agree(offCurve));
        Assert.Throws<ArgumentException>(() => AgreementKey.Validate(offCurve));
        AgreementKey.Validate(a.PublicKey);
    }
}

public class SealedBoxTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Open_SealedBox_ReturnsPlaintext()
    {
        var box = SealedBox.Seal(Key, "share"u8, "ctx"u8);
        Assert.Equal(5 + SealedBox.Overhead, box.Length);
        Assert.Equal("share", Encoding.ASCII.GetString(SealedBox.Open(Key, box, "ctx"u8)));
    }

    [Fact]
    public void Open_TamperedBoxOrOtherContext_Throws()
    {
        var box = SealedBox.Seal(Key, "share"u8, "round 1"u8);
        for (var i = 0; i < box.Length; i++)
        {
            var bad = (byte[])box.Clone();
            bad[i] ^= 0x20;
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => SealedBox.Open(Key, bad, "round 1"u8));
        }

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => SealedBox.Open(Key, box, "round 2"u8));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => SealedBox.Open(Key, box.AsSpan(0, 10), "round 1"u8));
    }

    [Fact]
    public void Seal_SamePlaintextTwice_GivesDifferentBoxes()
    {
        Assert.NotEqual(SealedBox.Seal(Key, "x"u8, []), SealedBox.Seal(Key, "x"u8, []));
    }
}
