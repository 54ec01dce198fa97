using System.Security.Cryptography;
using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Niss;

/// <summary>Share seeds straight from the operating system's generator; normals from a <see cref="GaussianNoise"/> keyed by it.</summary>
internal sealed class OsNissRandomness : INissRandomness
{
    private readonly GaussianNoise _normals = new();

    public void NextSeed(Span<byte> seed) => RandomNumberGenerator.Fill(seed);

    public double NextNormal() => _normals.Next();

    public void Dispose() => _normals.Dispose();
}
