namespace FedShield.Privacy.Niss;

/// <summary>
/// Where a NISS client's randomness comes from: share seeds and the standard normals behind the
/// multipliers s ~ N(1, τ²). The operating system's generator in use (<see cref="OsNissRandomness"/>);
/// a test may inject a deterministic source.
/// </summary>
internal interface INissRandomness : IDisposable
{
    /// <summary>Fills <paramref name="seed"/> with a fresh share seed.</summary>
    void NextSeed(Span<byte> seed);

    /// <summary>A standard normal draw.</summary>
    double NextNormal();
}
