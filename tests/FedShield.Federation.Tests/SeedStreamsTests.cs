namespace FedShield.Federation.Tests;

public class SeedStreamsTests
{
    [Fact]
    public void Derive_IsStableAndNonNegative()
    {
        Assert.Equal(SeedStreams.Derive(42, SeedStreams.ClientFit, 3, 7), SeedStreams.Derive(42, SeedStreams.ClientFit, 3, 7));
        Assert.True(SeedStreams.Derive(-5, 9, int.MaxValue, int.MaxValue) >= 0);
    }

    [Fact]
    public void Derive_DistinctInputs_DistinctSeeds()
    {
        var seen = new HashSet<int>();
        for (var c = 0; c < 50; c++)
        {
            for (var r = 1; r <= 40; r++)
            {
                Assert.True(seen.Add(SeedStreams.Derive(1, SeedStreams.ClientFit, c, r)), $"collision at client {c}, round {r}");
            }
        }

        Assert.NotEqual(SeedStreams.Derive(1, SeedStreams.ClientFit, 2, 3), SeedStreams.Derive(1, SeedStreams.ClientFit, 3, 2));
        Assert.NotEqual(SeedStreams.Derive(1, SeedStreams.ClientFit), SeedStreams.Derive(1, SeedStreams.Sampling));
        Assert.NotEqual(SeedStreams.Derive(1, SeedStreams.ClientFit), SeedStreams.Derive(2, SeedStreams.ClientFit));
    }
}
