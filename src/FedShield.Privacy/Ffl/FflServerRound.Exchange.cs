using FedShield.Federation.Messages;
using FedShield.Federation.Metrics;
using FedShield.Federation.Strategies;

namespace FedShield.Privacy.Ffl;

internal sealed partial class FflServerRound
{
    private Task ExchangeAsync(int stage, ProtocolMessage[] messages, Func<ProtocolReply, string?> accept, CancellationToken cancellationToken, bool countFailures = true) =>
        ProtocolStage.ExchangeAsync(
            round, FflWire.Protocol, stage, messages, accept, countFailures ? (id, kind, reason, traffic) => Fail(id, stage, kind, reason, traffic) : null, _traffic, stage == FflWire.TrainStage, cancellationToken);

    /// <summary>Records a failure and abandons the failed participant's exchange: its partner's upload is useless alone.</summary>
    private ClientFailure Fail(int id, int stage, FailureKind kind, string reason, Traffic traffic)
    {
        var failure = new ClientFailure(id, round.Round, kind, $"FFL {FflWire.Describe(stage)} stage: {reason}") { Traffic = traffic };
        if (_failed.Add(id))
        {
            _failures.Add(failure);
        }

        foreach (var pair in _pairs.Where(p => !p.Abandoned && (p.Initiator == id || p.Acceptor == id)))
        {
            pair.Abandoned = true;
            var partner = pair.Initiator == id ? pair.Acceptor : pair.Initiator;
            if (_failed.Add(partner))
            {
                _failures.Add(new ClientFailure(partner, round.Round, FailureKind.Error, $"FFL exchange abandoned: its partner, client {id}, failed at the {FflWire.Describe(stage)} stage"));
            }
        }

        return failure;
    }

    private string? AcceptTrained(ProtocolReply reply)
    {
        try
        {
            var (samples, acceptable) = FflWire.DecodeTrainReply(reply.Payload);
            _samples[reply.ClientId] = samples;
            _acceptable[reply.ClientId] = acceptable;
            _clientMetrics[reply.ClientId] = [reply.Metrics];
            return null;
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
    }

    private Pair PairOf(int id) => _pairs.First(p => !p.Abandoned && (p.Initiator == id || p.Acceptor == id));

    private string? AcceptInitiated(ProtocolReply reply) => Decode(reply, p =>
    {
        var (dh, seed) = FflWire.DecodeInitiateReply(reply.Payload);
        p.InitiatorDh = dh;
        p.InitiatorSeed = seed;
    });

    private string? AcceptAccepted(ProtocolReply reply) => Decode(reply, p =>
    {
        var (dh, seed, box) = FflWire.DecodeKeyedBox(reply.Payload, _dimension, "FFL accept reply");
        p.AcceptorDh = dh;
        p.AcceptorSeed = seed;
        p.AcceptorBox = box;
    });

    private string? AcceptMixed(ProtocolReply reply) => Decode(reply, p =>
    {
        var (upload, seed, box) = FflWire.DecodeMixReply(reply.Payload, _dimension);
        p.InitiatorUpload = upload;
        p.InitiatorUploadSeed = seed;
        p.InitiatorBox = box;
    });

    private string? AcceptFinished(ProtocolReply reply) => Decode(reply, p =>
    {
        var (upload, seed) = FflWire.DecodeUpload(reply.Payload, _dimension);
        p.AcceptorUpload = upload;
        p.AcceptorUploadSeed = seed;
    });

    private string? Decode(ProtocolReply reply, Action<Pair> store)
    {
        try
        {
            store(PairOf(reply.ClientId));
            _clientMetrics[reply.ClientId].Add(reply.Metrics);
            return null;
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Lines 13–15 of Protocol 1 for the complete pairs: open each participant's encrypted seed, regenerate
    /// the pad and remove it. A pair whose either upload does not decrypt is dropped whole, since one mixed
    /// update without the other carries half of each update.
    /// </summary>
    private SortedDictionary<int, float[]> Decrypt()
    {
        var mixed = new SortedDictionary<int, float[]>();
        foreach (var pair in Live().ToArray())
        {
            var initiator = Open(pair.Initiator, pair.InitiatorUpload!, pair.InitiatorUploadSeed!);
            var acceptor = initiator is null ? null : Open(pair.Acceptor, pair.AcceptorUpload!, pair.AcceptorUploadSeed!);
            if (initiator is null || acceptor is null)
            {
                continue;
            }

            mixed[pair.Initiator] = initiator;
            mixed[pair.Acceptor] = acceptor;
        }

        return mixed;
    }

    private float[]? Open(int id, uint[] upload, byte[] encryptedSeed)
    {
        byte[] seed;
        try
        {
            seed = protocol.Key.DecryptSeed(encryptedSeed, round.Round, protocol.PseudonymOf(id));
        }
        catch (InvalidDataException ex)
        {
            Fail(id, FflWire.FinishStage, FailureKind.Malformed, $"its mixed update cannot be opened: {ex.Message}", default);
            return null;
        }

        FflMixing.Unpad(upload, FflMixing.Pad(seed, upload.Length));
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        var values = FflMixing.Floats(upload);
        if (!values.All(float.IsFinite))
        {
            Fail(id, FflWire.FinishStage, FailureKind.Malformed, "its mixed update holds NaN or infinite values", default);
            return null;
        }

        return values;
    }

    /// <summary>
    /// Similarity, reputations and trust (eqs. 4–9), then line 21 of Protocol 1: Σ_k ν_k·(W_k)_mix over
    /// Σ_k ν_k·d_k. Each pair's two mixed updates are added first, so with every ν = 1 the sum is the
    /// same float arithmetic on the same values whichever participant holds which fragment.
    /// </summary>
    private (AggregationResult? Result, Dictionary<int, double> Feedback) Aggregate(SortedDictionary<int, float[]> mixed)
    {
        var ids = mixed.Keys.ToArray();
        var trust = ids.ToDictionary(id => id, _ => 1.0);
        var feedback = new Dictionary<int, double>();
        if (protocol.Options.Reputation)
        {
            var sim = FflReputation.Similarity([.. mixed.Values], protocol.Options.LastLayer ?? Range.All, protocol.Options.Alpha);
            var q1 = FflReputation.FirstQuartile(sim);
            for (var i = 0; i < ids.Length; i++)
            {
                feedback[ids[i]] = sim[i] - q1;
            }

            protocol.UpdateReputations(feedback);
            foreach (var id in ids)
            {
                trust[id] = protocol.Trust[id];
            }

            _metrics.Add(new Metric("ffl.similarity_mean", sim.Average()));
            _metrics.Add(new Metric("ffl.trust_mean", trust.Values.Average()));
        }

        var sum = new double[_dimension];
        double weight = 0;
        foreach (var pair in Live().Where(p => mixed.ContainsKey(p.Initiator)).OrderBy(p => Math.Min(p.Initiator, p.Acceptor)))
        {
            var a = mixed[pair.Initiator];
            var b = mixed[pair.Acceptor];
            double ta = trust[pair.Initiator], tb = trust[pair.Acceptor];
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += (ta * a[i]) + (tb * b[i]);
            }

            weight += (ta * _samples[pair.Initiator]) + (tb * _samples[pair.Acceptor]);
        }

        var excluded = ids.Where(id => trust[id] == 0).ToArray();
        _metrics.Add(new Metric("ffl.excluded", excluded.Length));
        if (!(weight > 0))
        {
            return (null, feedback);
        }

        var result = aggregator.FromSum(sum, weight, ids.Length - excluded.Length);
        return (result with { ExcludedClients = excluded }, feedback);
    }
}
