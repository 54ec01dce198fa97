using FedShield.Privacy.Crypto;
using FedShield.Privacy.DifferentialPrivacy;
using FedShield.Privacy.Niss;

namespace FedShield.Privacy.Tests.Niss;

/// <summary>A deterministic, recording source of share seeds and normals (tests only).</summary>
internal sealed class SeededNissRandomness : INissRandomness
{
    private readonly Prg _seeds;
    private readonly GaussianNoise _normals;

    public SeededNissRandomness(int seed)
    {
        var key = new byte[Prg.SeedBytes];
        BitConverter.TryWriteBytes(key, seed);
        _seeds = new Prg(key);
        key[31] = 1;
        _normals = GaussianNoise.FromSeed(key);
    }

    public List<byte[]> Seeds { get; } = [];

    public void NextSeed(Span<byte> seed)
    {
        _seeds.NextBytes(seed);
        Seeds.Add(seed.ToArray());
    }

    public double NextNormal() => _normals.Next();

    public void Dispose()
    {
        _seeds.Dispose();
        _normals.Dispose();
    }
}
