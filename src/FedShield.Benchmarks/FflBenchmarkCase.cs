namespace FedShield.Benchmarks;

/// <summary>One model shape with n updates per round: FFL's stage times and traffic, plain FedAvg's aggregation, and Table V's figures.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="D">Parameters of the model (the update length).</param>
/// <param name="LastLayerSize">Parameters of the output layer, compared by cosine similarity.</param>
/// <param name="Layers">Tensors, each with a mask of its own.</param>
/// <param name="N">Participants selected per round (updates).</param>
/// <param name="DecryptSeconds">Per timed round: the server's decryption of the mixed updates (<c>ffl.decrypt_seconds</c>).</param>
/// <param name="AggregateSeconds">Per timed round: the server's similarity, reputation and trust-weighted aggregation (<c>ffl.aggregate_seconds</c>).</param>
/// <param name="MixSeconds">Per timed round: a participant's overhead outside training, mean over the participants (<c>ffl.client_overhead_seconds</c>).</param>
/// <param name="ExchangeSeconds">Per timed round: the server's wall time from pairing to the last upload (<c>ffl.exchange_seconds</c>).</param>
/// <param name="RoundSeconds">Per timed round: the whole round's wall time.</param>
/// <param name="FedAvgSeconds">Per timed round: one plain weighted-mean aggregation of the n original updates.</param>
/// <param name="CpuSecondsPerRound">The process's CPU time per timed round (all threads), mean over the rounds.</param>
/// <param name="Participants">Participants whose mixed update was aggregated, mean over the timed rounds (n when every one found a partner).</param>
/// <param name="ParticipantSentBytes">Bytes a participant sent in one round (uplink, including its fragments for its partner), mean over participants and rounds.</param>
/// <param name="ParticipantReceivedBytes">Bytes a participant received in one round (downlink, including the global model and its partner's fragments), mean over participants and rounds.</param>
/// <param name="Paper">Table V's figures for this model and n, or null where it has none.</param>
/// <param name="LoadAverage">The machine's 1-minute load average before the warm-up round; NaN when unknown.</param>
public sealed record FflBenchmarkCase(
    string Model,
    int D,
    int LastLayerSize,
    int Layers,
    int N,
    IReadOnlyList<double> DecryptSeconds,
    IReadOnlyList<double> AggregateSeconds,
    IReadOnlyList<double> MixSeconds,
    IReadOnlyList<double> ExchangeSeconds,
    IReadOnlyList<double> RoundSeconds,
    IReadOnlyList<double> FedAvgSeconds,
    double CpuSecondsPerRound,
    double Participants,
    double ParticipantSentBytes,
    double ParticipantReceivedBytes,
    FflPaperFigures? Paper,
    double LoadAverage = double.NaN)
{
    /// <summary>Median server decryption seconds ("Dec.").</summary>
    public double Decrypt => AggregateBenchmarkCase.Median(DecryptSeconds);

    /// <summary>Median server reputation and aggregation seconds ("Aggr.").</summary>
    public double Aggregate => AggregateBenchmarkCase.Median(AggregateSeconds);

    /// <summary>Median participant overhead seconds ("Mix.").</summary>
    public double Mix => AggregateBenchmarkCase.Median(MixSeconds);

    /// <summary>Median exchange seconds on the server.</summary>
    public double Exchange => AggregateBenchmarkCase.Median(ExchangeSeconds);

    /// <summary>Median round seconds.</summary>
    public double Round => AggregateBenchmarkCase.Median(RoundSeconds);

    /// <summary>Median plain FedAvg aggregation seconds ("FedAvg (FL) Aggr.").</summary>
    public double FedAvg => AggregateBenchmarkCase.Median(FedAvgSeconds);

    /// <summary>The bytes of one update, 4·d (float32).</summary>
    public long UpdateBytes => 4L * D;

    /// <summary>A participant's uplink over the update size (the paper's analysis: 3, plus constants).</summary>
    public double SentPerUpdate => ParticipantSentBytes / UpdateBytes;

    /// <summary>A participant's downlink over the update size (the paper's analysis: 3, plus constants).</summary>
    public double ReceivedPerUpdate => ParticipantReceivedBytes / UpdateBytes;

    /// <summary>Our plain FedAvg aggregation over the paper's; NaN without a paper figure.</summary>
    public double FedAvgRatio => Paper is { } p ? FedAvg / p.FedAvgAggregate : double.NaN;

    /// <summary>Our "Dec." over the paper's; NaN without a paper figure.</summary>
    public double DecryptRatio => Paper is { } p ? Decrypt / p.Decrypt : double.NaN;

    /// <summary>Our "Aggr." over the paper's; NaN without a paper figure.</summary>
    public double AggregateRatio => Paper is { } p ? Aggregate / p.Aggregate : double.NaN;

    /// <summary>Our "Mix." over the paper's; NaN without a paper figure.</summary>
    public double MixRatio => Paper is { } p ? Mix / p.Mix : double.NaN;
}
