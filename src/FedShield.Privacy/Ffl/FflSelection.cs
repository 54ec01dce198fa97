using FedShield.Federation.Strategies;

namespace FedShield.Privacy.Ffl;

/// <summary>
/// Procedure 2: candidates are the participants whose global reputation is at least the first quartile
/// of all reputations; n = max(⌊C·|Sc|⌋, 2) of them, rounded down to an even number, are chosen at random. Without the reputation
/// defence every available participant is a candidate.
/// </summary>
internal sealed class FflSelection(FflProtocol protocol) : IClientSampler
{
    public IReadOnlyList<int> Sample(IReadOnlyList<int> available, int round, Random random)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(random);
        foreach (var id in available)
        {
            protocol.Register(id);
        }

        var candidates = available.Order().ToList();
        if (protocol.Options.Reputation)
        {
            var q1 = protocol.FirstQuartileOfReputations();
            candidates = [.. candidates.Where(id => protocol.Reputations[id] >= q1)];
        }

        // An odd participant would find no partner and abstain after training for nothing, so n is made even.
        var n = Math.Min(candidates.Count, Math.Max((int)Math.Floor((protocol.Options.SelectionFraction * candidates.Count) + 1e-9), 2));
        n -= n % 2;
        var chosen = candidates.ToArray();
        random.Shuffle(chosen);
        return [.. chosen.Take(n).Order()];
    }
}
