using System.Security.Cryptography;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.Tests.Crypto;

public class PrgTests
{
    [Fact]
    public void NextBytes_IsAesCtrOfTheCounter()
    {
        var seed = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
        using var prg = new Prg(seed);
        var stream = new byte[48];
        prg.NextBytes(stream);

        using var aes = Aes.Create();
        aes.Key = seed;
        var counters = new byte[48];
        counters[15] = 0;
        counters[31] = 1;
        counters[47] = 2;
        Assert.Equal(aes.EncryptEcb(counters, PaddingMode.None), stream);
    }

    [Fact]
    public void Stream_DoesNotDependOnHowItIsRead()
    {
        var seed = Prg.NewSeed();
        using var whole = new Prg(seed);
        var expected = new byte[40000];
        whole.NextBytes(expected);

        using var pieces = new Prg(seed);
        var actual = new byte[40000];
        var at = 0;
        foreach (var n in new[] { 1, 15, 16, 17, 16384, 100, 23467 })
        {
            pieces.NextBytes(actual.AsSpan(at, n));
            at += n;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NextDouble_LiesInUnitIntervalWithMeanNearHalf()
    {
        using var prg = new Prg(new byte[32]);
        double sum = 0;
        for (var i = 0; i < 20000; i++)
        {
            var u = prg.NextDouble();
            Assert.InRange(u, 0, 1 - 1e-17);
            sum += u;
        }

        Assert.InRange(sum / 20000, 0.49, 0.51);
    }

    [Fact]
    public void Constructor_WrongSeedLength_Throws()
    {
        Assert.Contains("32 bytes", Assert.Throws<ArgumentException>(() => new Prg(new byte[16])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ThenUse_Throws()
    {
        var prg = Prg.FromOsRandom();
        prg.Dispose();
        Assert.Throws<ObjectDisposedException>(() => prg.NextBytes(new byte[1]));
    }
}
