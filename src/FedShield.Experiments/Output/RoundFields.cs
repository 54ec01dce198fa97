namespace FedShield.Experiments.Output;

/// <summary>
/// Names of the fields every round row carries, in the order the runner writes them, and the values of
/// <see cref="Status"/>. Mechanisms add further numeric fields with dotted names (<c>aggregator.excluded</c>,
/// <c>privacy.epsilon</c>).
/// </summary>
public static class RoundFields
{
    /// <summary>Round number (integer, 1-based; 0 may hold an evaluation of the initial model).</summary>
    public const string Round = "round";

    /// <summary><see cref="Applied"/> or <see cref="Skipped"/>.</summary>
    public const string Status = "status";

    /// <summary>Why a round was skipped or what went wrong (string or null).</summary>
    public const string Reason = "reason";

    /// <summary>Clients asked to train this round (integer).</summary>
    public const string ClientsSelected = "clients_selected";

    /// <summary>Clients whose update was accepted (integer).</summary>
    public const string ClientsSucceeded = "clients_succeeded";

    /// <summary>Clients that failed, timed out or sent a malformed update (integer).</summary>
    public const string ClientsFailed = "clients_failed";

    /// <summary>Loss of the global model on the test set (null on rounds without evaluation).</summary>
    public const string TestLoss = "test_loss";

    /// <summary>Accuracy of the global model on the test set, in [0, 1] (null on rounds without evaluation).</summary>
    public const string TestAccuracy = "test_accuracy";

    /// <summary>Test accuracy per class, in [0, 1] (array, or null on rounds without evaluation).</summary>
    public const string PerClassAccuracy = "per_class_accuracy";

    /// <summary>Mean training loss reported by the clients this round.</summary>
    public const string TrainLoss = "train_loss";

    /// <summary>Bytes sent by the server to all clients this round (downlink, integer).</summary>
    public const string BytesSent = "bytes_sent";

    /// <summary>Bytes received by the server from all clients this round (uplink, integer).</summary>
    public const string BytesReceived = "bytes_received";

    /// <summary>Bytes sent since the start of the run, this round included (integer).</summary>
    public const string BytesSentTotal = "bytes_sent_total";

    /// <summary>Bytes received since the start of the run, this round included (integer).</summary>
    public const string BytesReceivedTotal = "bytes_received_total";

    /// <summary>Seconds spent in client training this round (wall clock).</summary>
    public const string TimeTrain = "time_train_s";

    /// <summary>Seconds spent aggregating this round.</summary>
    public const string TimeAggregate = "time_aggregate_s";

    /// <summary>Seconds spent evaluating the global model this round (0 when there was no evaluation).</summary>
    public const string TimeEvaluate = "time_evaluate_s";

    /// <summary>Seconds of the whole round.</summary>
    public const string TimeRound = "time_round_s";

    /// <summary>Value of <see cref="Status"/> for a round whose aggregate was applied to the model.</summary>
    public const string Applied = "applied";

    /// <summary>Value of <see cref="Status"/> for a round that left the model unchanged (see <see cref="Reason"/>).</summary>
    public const string Skipped = "skipped";

    /// <summary>The fixed fields in the order the runner writes them.</summary>
    public static IReadOnlyList<string> Fixed { get; } =
    [
        Round, Status, Reason, ClientsSelected, ClientsSucceeded, ClientsFailed, TestLoss, TestAccuracy,
        PerClassAccuracy, TrainLoss, BytesSent, BytesReceived, BytesSentTotal, BytesReceivedTotal,
        TimeTrain, TimeAggregate, TimeEvaluate, TimeRound,
    ];

    /// <summary>True when <paramref name="name"/> is one of <see cref="Fixed"/>.</summary>
    public static bool IsFixed(string name) => Fixed.Contains(name, StringComparer.Ordinal);
}
