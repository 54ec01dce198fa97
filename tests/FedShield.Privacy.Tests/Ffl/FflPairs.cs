using System.Globalization;
using FedShield.Privacy.Ffl;

namespace FedShield.Privacy.Tests.Ffl;

/// <summary>Reads a round's pairing off the relayed messages, and the aggregate FFL must produce from the originals.</summary>
internal static class FflPairs
{
    /// <summary>(initiator, acceptor) of each stage-1 message of <paramref name="round"/>.</summary>
    public static List<(int Initiator, int Acceptor)> Of(FflHarness h, int round)
    {
        var state = h.Protocol.ExportState();
        var byPseudonym = state.Values.Where(v => v.Key.StartsWith("pseudonym.", StringComparison.Ordinal))
            .ToDictionary(v => v.Value, v => int.Parse(v.Key["pseudonym.".Length..], CultureInfo.InvariantCulture));
        return [.. h.Transport.Messages
            .Where(m => m.Round == round && m.Stage == 1)
            .Select(m => (m.ClientId, byPseudonym[Convert.ToHexString(m.Payload.Span)]))];
    }

    /// <summary>
    /// Σ over pairs (in order of their smaller id) of (d_k·Δ_k + d_j·Δ_j), over Σ d: the weighted mean of the
    /// ORIGINAL updates in the arithmetic FFL's server uses, with every trust 1.
    /// </summary>
    public static float[] Reference(FflHarness h, IEnumerable<(int Initiator, int Acceptor)> pairs)
    {
        var sum = new double[h.Dimension];
        double weight = 0;
        foreach (var (k, j) in pairs.OrderBy(p => Math.Min(p.Initiator, p.Acceptor)))
        {
            var a = h.Scaled(k);
            var b = h.Scaled(j);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += (1.0 * a[i]) + (1.0 * b[i]);
            }

            weight += (1.0 * h.Inner[k - 1].Samples) + (1.0 * h.Inner[j - 1].Samples);
        }

        var inv = 1.0 / weight;
        return [.. sum.Select(s => (float)(s * inv))];
    }

    public static FflOptions NoReputation(int dimension) => new(1.0, reputation: false, layerSizes: [dimension / 2, dimension - (dimension / 2)]);
}
