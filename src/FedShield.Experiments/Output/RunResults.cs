using FedShield.Federation.Messages;

namespace FedShield.Experiments.Output;

/// <summary>What the round rows of a run add up to: its last round, final and best evaluation, traffic and failures.</summary>
/// <param name="LastRound">The largest round number (0 when there are no rows).</param>
/// <param name="Final">The last row with a test accuracy or loss, or null.</param>
/// <param name="Best">The row with the highest test accuracy (earliest on ties), or null.</param>
/// <param name="Traffic">Bytes over the run: the last row's cumulative counts, or the sum of per-round counts when those are absent.</param>
/// <param name="SkippedRounds">Rows with status <c>skipped</c>.</param>
/// <param name="FailedClients">Sum of <c>clients_failed</c> over all rows.</param>
public sealed record RunResults(int LastRound, FinalResult? Final, BestResult? Best, Traffic Traffic, int SkippedRounds, long FailedClients)
{
    /// <summary>Adds up <paramref name="rows"/> (in round order).</summary>
    public static RunResults From(IReadOnlyList<RoundRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int lastRound = 0;
        FinalResult? final = null;
        BestResult? best = null;
        long sent = 0, received = 0, sentSum = 0, receivedSum = 0;
        bool haveTotals = false;
        int skipped = 0;
        long failed = 0;
        foreach (var row in rows)
        {
            int round = row.Round;
            lastRound = Math.Max(lastRound, round);
            double accuracy = row.GetNumber(RoundFields.TestAccuracy);
            double loss = row.GetNumber(RoundFields.TestLoss);
            if (!double.IsNaN(accuracy) || !double.IsNaN(loss))
            {
                final = new FinalResult(round, NullIfNaN(accuracy), NullIfNaN(loss));
            }

            if (!double.IsNaN(accuracy) && (best?.Accuracy is not double top || accuracy > top))
            {
                best = new BestResult(round, accuracy);
            }

            sentSum += row.GetInteger(RoundFields.BytesSent);
            receivedSum += row.GetInteger(RoundFields.BytesReceived);
            if (row.Contains(RoundFields.BytesSentTotal) || row.Contains(RoundFields.BytesReceivedTotal))
            {
                haveTotals = true;
                sent = row.GetInteger(RoundFields.BytesSentTotal);
                received = row.GetInteger(RoundFields.BytesReceivedTotal);
            }

            skipped += row.GetText(RoundFields.Status) == RoundFields.Skipped ? 1 : 0;
            failed += row.GetInteger(RoundFields.ClientsFailed);
        }

        var traffic = haveTotals ? new Traffic(sent, received) : new Traffic(sentSum, receivedSum);
        return new RunResults(lastRound, final, best, traffic, skipped, failed);
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
