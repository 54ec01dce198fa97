using FedShield.Privacy.SecureAggregation;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace FedShield.Privacy.Tests.SecureAggregation;

public class MaskCancellationPropertyTests
{
    /// <summary>
    /// For any small federation, ring width, variant and pattern of dropouts (each client drops at a
    /// random stage or never), either the round completes and the masks cancel exactly — the revealed
    /// ring sum equals the plaintext fixed-point sum of exactly the clients whose masked input arrived —
    /// or it aborts naming a stage, and then nothing is revealed.
    /// </summary>
    [Fact]
    public void AnyDropoutPattern_MasksCancelExactlyOrTheRoundAbortsRevealingNothing()
    {
        var cases =
            from n in Gen.Choose(3, 9)
            from bits in Gen.Elements(16, 32, 41, 64)
            from plus in Gen.Elements(false, true)
            from dropStages in Gen.ArrayOf(Gen.Frequency((4, Gen.Constant(-1)), (1, Gen.Choose(0, 3))), n)
            select (n, bits, plus, dropStages);
        int completed = 0, aborted = 0;
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var options = c.plus
                ? new SecureAggregationOptions(SecureAggregationVariant.SecAggPlus, bits: c.bits, neighbours: 2)
                : new SecureAggregationOptions(bits: c.bits);
            using var h = new SecAggHarness(c.n, options, (id, _, stage) => c.dropStages[id] == stage, dimension: 3);
            var outcome = h.RunAsync().GetAwaiter().GetResult();
            if (outcome.Aggregation is null)
            {
                aborted++;
                return h.Revealed is null && outcome.SkipReason!.Contains("aborted at stage", StringComparison.Ordinal);
            }

            completed++;
            var sent = Enumerable.Range(0, c.n).Where(id => c.dropStages[id] is -1 or 3).ToArray();
            return outcome.Participants.SequenceEqual(sent) && h.Revealed!.SequenceEqual(h.ExpectedSum(sent));
        });
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(40).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20240611UL), FSharpOption<int>.None))));

        // Both outcomes were exercised.
        Assert.True(completed >= 10 && aborted >= 1, $"{completed} rounds completed and {aborted} aborted");
    }
}
