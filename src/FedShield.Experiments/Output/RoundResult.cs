namespace FedShield.Experiments.Output;

/// <summary>
/// The fixed fields of one round, typed. <see cref="ToRow"/> turns them into a <see cref="RoundRow"/> in the
/// canonical order of <see cref="RoundFields.Fixed"/>; mechanisms then add their own fields to that row.
/// Numbers left NaN are written as null ("not measured").
/// </summary>
public sealed record RoundResult
{
    /// <summary>Round number (0 or more).</summary>
    public required int Round { get; init; }

    /// <summary><see cref="RoundFields.Applied"/> or <see cref="RoundFields.Skipped"/>.</summary>
    public string Status { get; init; } = RoundFields.Applied;

    /// <summary>Why the round was skipped or what went wrong, or null.</summary>
    public string? Reason { get; init; }

    /// <summary>Clients asked to train.</summary>
    public int ClientsSelected { get; init; }

    /// <summary>Clients whose update was accepted.</summary>
    public int ClientsSucceeded { get; init; }

    /// <summary>Clients that failed.</summary>
    public int ClientsFailed { get; init; }

    /// <summary>Test loss of the global model, NaN without evaluation.</summary>
    public double TestLoss { get; init; } = double.NaN;

    /// <summary>Test accuracy in [0, 1], NaN without evaluation.</summary>
    public double TestAccuracy { get; init; } = double.NaN;

    /// <summary>Test accuracy per class in [0, 1] (NaN for a class absent from the test set), null without evaluation.</summary>
    public IReadOnlyList<double>? PerClassAccuracy { get; init; }

    /// <summary>Mean training loss of the clients, NaN when no client reported one.</summary>
    public double TrainLoss { get; init; } = double.NaN;

    /// <summary>Bytes sent to all clients this round.</summary>
    public long BytesSent { get; init; }

    /// <summary>Bytes received from all clients this round.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Bytes sent since the start of the run, this round included.</summary>
    public long BytesSentTotal { get; init; }

    /// <summary>Bytes received since the start of the run, this round included.</summary>
    public long BytesReceivedTotal { get; init; }

    /// <summary>Seconds of client training.</summary>
    public double TimeTrainSeconds { get; init; }

    /// <summary>Seconds of aggregation.</summary>
    public double TimeAggregateSeconds { get; init; }

    /// <summary>Seconds of evaluation.</summary>
    public double TimeEvaluateSeconds { get; init; }

    /// <summary>Seconds of the whole round.</summary>
    public double TimeRoundSeconds { get; init; }

    /// <summary>A new row holding the fixed fields in canonical order.</summary>
    /// <exception cref="ArgumentException">
    /// A value is out of range: negative round, count, byte count or time; a status other than applied/skipped;
    /// succeeded + failed above selected; a cumulative byte count below this round's; accuracy outside [0, 1].
    /// </exception>
    public RoundRow ToRow()
    {
        Validate();
        return new RoundRow()
            .SetInteger(RoundFields.Round, Round)
            .SetText(RoundFields.Status, Status)
            .SetText(RoundFields.Reason, Reason)
            .SetInteger(RoundFields.ClientsSelected, ClientsSelected)
            .SetInteger(RoundFields.ClientsSucceeded, ClientsSucceeded)
            .SetInteger(RoundFields.ClientsFailed, ClientsFailed)
            .SetNumber(RoundFields.TestLoss, TestLoss)
            .SetNumber(RoundFields.TestAccuracy, TestAccuracy)
            .SetNumbers(RoundFields.PerClassAccuracy, PerClassAccuracy)
            .SetNumber(RoundFields.TrainLoss, TrainLoss)
            .SetInteger(RoundFields.BytesSent, BytesSent)
            .SetInteger(RoundFields.BytesReceived, BytesReceived)
            .SetInteger(RoundFields.BytesSentTotal, BytesSentTotal)
            .SetInteger(RoundFields.BytesReceivedTotal, BytesReceivedTotal)
            .SetNumber(RoundFields.TimeTrain, TimeTrainSeconds)
            .SetNumber(RoundFields.TimeAggregate, TimeAggregateSeconds)
            .SetNumber(RoundFields.TimeEvaluate, TimeEvaluateSeconds)
            .SetNumber(RoundFields.TimeRound, TimeRoundSeconds);
    }

    private void Validate()
    {
        Require(Round >= 0, nameof(Round), $"{Round}", "0 or more");
        Require(Status is RoundFields.Applied or RoundFields.Skipped, nameof(Status), $"'{Status}'", $"'{RoundFields.Applied}' or '{RoundFields.Skipped}'");
        Require(ClientsSelected >= 0, nameof(ClientsSelected), $"{ClientsSelected}", "0 or more");
        Require(ClientsSucceeded >= 0, nameof(ClientsSucceeded), $"{ClientsSucceeded}", "0 or more");
        Require(ClientsFailed >= 0, nameof(ClientsFailed), $"{ClientsFailed}", "0 or more");
        Require((long)ClientsSucceeded + ClientsFailed <= ClientsSelected, nameof(ClientsSucceeded),
            $"{ClientsSucceeded} succeeded + {ClientsFailed} failed", $"at most the {ClientsSelected} selected");
        Require(double.IsNaN(TestAccuracy) || TestAccuracy is >= 0 and <= 1, nameof(TestAccuracy), $"{TestAccuracy}", "a value in [0, 1] or NaN");
        Require(BytesSent >= 0, nameof(BytesSent), $"{BytesSent}", "0 or more");
        Require(BytesReceived >= 0, nameof(BytesReceived), $"{BytesReceived}", "0 or more");
        Require(BytesSentTotal >= BytesSent, nameof(BytesSentTotal), $"{BytesSentTotal}", $"at least this round's {BytesSent}");
        Require(BytesReceivedTotal >= BytesReceived, nameof(BytesReceivedTotal), $"{BytesReceivedTotal}", $"at least this round's {BytesReceived}");
        RequireTime(TimeTrainSeconds, nameof(TimeTrainSeconds));
        RequireTime(TimeAggregateSeconds, nameof(TimeAggregateSeconds));
        RequireTime(TimeEvaluateSeconds, nameof(TimeEvaluateSeconds));
        RequireTime(TimeRoundSeconds, nameof(TimeRoundSeconds));
    }

    private static void RequireTime(double seconds, string name) =>
        Require(double.IsNaN(seconds) || seconds >= 0, name, $"{seconds}", "0 or more seconds, or NaN");

    private static void Require(bool condition, string name, string actual, string expected)
    {
        if (!condition)
        {
            throw new ArgumentException($"RoundResult.{name} is {actual}; expected {expected}.", name);
        }
    }
}
