using FedShield.Experiments.Output;
using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;

namespace FedShield.Experiments.Running;

/// <summary>Turns the round loop's records into journal rows.</summary>
internal static class RoundRows
{
    public static RoundRow From(RoundRecord record, Traffic totalBefore)
    {
        var traffic = record.Traffic;
        var total = totalBefore + traffic;
        var e = record.Evaluation;
        var row = new RoundResult
        {
            Round = record.Round,
            Status = record.Outcome == RoundOutcome.Applied ? RoundFields.Applied : RoundFields.Skipped,
            Reason = record.Reason,
            ClientsSelected = record.Selected.Count,
            ClientsSucceeded = record.Participants.Count,
            ClientsFailed = record.Failures.Count,
            TestLoss = e?.Loss ?? double.NaN,
            TestAccuracy = e?.Accuracy ?? double.NaN,
            PerClassAccuracy = e?.PerClassAccuracy,
            TrainLoss = record.Metrics.GetOrNaN(RoundFields.TrainLoss),
            BytesSent = traffic.Sent,
            BytesReceived = traffic.Received,
            BytesSentTotal = total.Sent,
            BytesReceivedTotal = total.Received,
            TimeTrainSeconds = record.Timings.Training.TotalSeconds,
            TimeAggregateSeconds = record.Timings.Aggregation.TotalSeconds,
            TimeEvaluateSeconds = record.Timings.Evaluation.TotalSeconds,
            TimeRoundSeconds = record.Timings.Total.TotalSeconds,
        }.ToRow();

        // Mean bytes per client that took part in the round's exchanges (training and evaluation).
        if (record.ClientTraffic.Count > 0)
        {
            row.SetNumber("bytes_sent_per_client", (double)traffic.Sent / record.ClientTraffic.Count);
            row.SetNumber("bytes_received_per_client", (double)traffic.Received / record.ClientTraffic.Count);
        }

        foreach (var m in record.Metrics)
        {
            if (!RoundFields.IsFixed(m.Name))
            {
                row.SetNumber(m.Name, m.Value);
            }
        }

        if (e is not null)
        {
            foreach (var m in e.Metrics)
            {
                row.SetNumber("test." + m.Name, m.Value);
            }
        }

        return row;
    }
}
