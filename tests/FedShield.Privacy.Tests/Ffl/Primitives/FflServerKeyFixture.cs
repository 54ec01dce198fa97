using FedShield.Privacy.Ffl;

namespace FedShield.Privacy.Tests.Ffl.Primitives;

// RSA-3072 generation takes a noticeable fraction of a second: one key serves the whole test class.
public sealed class FflServerKeyFixture : IDisposable
{
    public FflServerKey Key { get; } = FflServerKey.Create();

    public void Dispose() => Key.Dispose();
}
