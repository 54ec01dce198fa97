using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedShield.Federation.Protocols;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

internal sealed partial class ServerRound
{
    /// <summary>
    /// Rebuilds b_v for every v in U3 and s_v for every dropped v with a survivor in its group, then
    /// removes Σ PRG(b_v) and the survivors' unmatched pairwise masks from the sum and decodes it.
    /// </summary>
    private ProtocolOutcome Unmask(HashSet<int> u2, HashSet<int> u3, RevealedShares shares, ulong[] sum, CancellationToken cancellationToken)
    {
        var start = _round.Time.GetTimestamp();
        var survivors = new List<int>(u3);
        survivors.Sort();
        var dropped = Dropped(u2, u3);
        foreach (var (owners, map, what) in new[] { (survivors, shares.Seeds, "self-mask seed"), (dropped, shares.Keys, "mask key") })
        {
            foreach (var v in owners)
            {
                var count = map.TryGetValue(v, out var list) ? list.Count : 0;
                if (count < _threshold)
                {
                    return Abort($"{Describe(SecureAggregationStage.Unmasking)}: only {count} shares of client {v}'s {what} arrived, fewer than the threshold {_threshold}");
                }
            }
        }

        var jobs = new List<MaskJob>(survivors.Count + dropped.Count);
        var lagrange = new LagrangeCache();
        try
        {
            foreach (var v in survivors)
            {
                var seed = new byte[SecAggContext.SecretBytes];
                lagrange.Combine(shares.Seeds[v], _threshold, seed);
                jobs.Add(new MaskJob(v, seed, null, []));
            }

            foreach (var v in dropped)
            {
                var secret = new byte[SecAggContext.SecretBytes];
                AgreementKey key;
                try
                {
                    lagrange.Combine(shares.Keys[v], _threshold, secret);
                    key = AgreementKey.FromPrivateKey(secret, _keys[v].MaskKey);
                }
                catch (ArgumentException ex)
                {
                    return Abort($"{Describe(SecureAggregationStage.Unmasking)}: the shares of client {v}'s mask key do not rebuild the key it advertised ({ex.Message})");
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(secret);
                }

                var peers = new List<int>();
                foreach (var u in _groups[v])
                {
                    if (u3.Contains(u))
                    {
                        peers.Add(u);
                    }
                }

                jobs.Add(new MaskJob(v, null, key, peers));
            }

            var correction = RemoveMasks(jobs, cancellationToken);
            RingVector.Subtract(sum, correction);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(correction.AsSpan()));
        }
        catch (ArgumentException ex)
        {
            return Abort($"{Describe(SecureAggregationStage.Unmasking)}: {ex.Message}");
        }
        finally
        {
            foreach (var job in jobs)
            {
                job.Dispose();
            }

            _unmaskTime = _round.Time.GetElapsedTime(start);
            _serverTime += _unmaskTime;
        }

        var decodeStart = _round.Time.GetTimestamp();
        var mask = _p.Mask;
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] &= mask;
        }

        _protocol.SumRevealed?.Invoke(sum);
        var weightedSum = new double[_p.Dimension];
        var totalWeight = FixedPointCodec.Decode(sum, _p, weightedSum);
        try
        {
            var aggregation = _aggregator.FromSum(weightedSum, totalWeight, survivors.Count);
            return Complete(aggregation, survivors, _p.MeanErrorBound(survivors.Count, totalWeight));
        }
        catch (InvalidOperationException ex)
        {
            return Abort($"aggregation: aggregator '{_aggregator.Name}' refused the sum: {ex.Message}");
        }
        finally
        {
            _serverTime += _round.Time.GetElapsedTime(decodeStart);
        }
    }

    /// <summary>
    /// The masks present in the sum of the survivors' inputs: Σ_{v∈U3} PRG(b_v), plus, for each
    /// dropped v and survivor u of its group, PRG(s_uv) when v &lt; u (u added it) or −PRG(s_uv) when
    /// v &gt; u. Jobs run in parallel, each worker folding into its own accumulator.
    /// </summary>
    private ulong[] RemoveMasks(List<MaskJob> jobs, CancellationToken cancellationToken)
    {
        var correction = new ulong[_p.Elements];
        var purpose = SecAggContext.MaskPurpose(_name, _round.Round);
        var threads = Math.Min(_options.ServerThreads, jobs.Count);
        if (threads <= 1)
        {
            var scratch = new ulong[RingVector.ScratchWords];
            foreach (var job in jobs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                job.AddTo(correction, scratch, _p, purpose, _keys);
            }

            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(scratch.AsSpan()));
            return correction;
        }

        var gate = new object();
        Parallel.For(
            0,
            jobs.Count,
            new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            () => (Acc: new ulong[_p.Elements], Scratch: new ulong[RingVector.ScratchWords]),
            (i, _, local) =>
            {
                jobs[i].AddTo(local.Acc, local.Scratch, _p, purpose, _keys);
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    RingVector.Add(correction, local.Acc);
                }

                CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(local.Acc.AsSpan()));
                CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(local.Scratch.AsSpan()));
            });
        return correction;
    }

    /// <summary>One owner's masks: a survivor's self-mask seed, or a dropped client's rebuilt mask key with its surviving peers.</summary>
    private sealed record MaskJob(int Owner, byte[]? Seed, AgreementKey? Key, List<int> Peers) : IDisposable
    {
        public void AddTo(ulong[] acc, ulong[] scratch, RoundParameters p, byte[] purpose, Dictionary<int, KeyAdvertisement> keys)
        {
            if (Seed is not null)
            {
                using var prg = new Prg(Seed);
                RingVector.AddMask(acc, prg, p.WordBytes, subtract: false, scratch);
                return;
            }

            foreach (var u in Peers)
            {
                var seed = Key!.DeriveKey(keys[u].MaskKey, purpose);
                try
                {
                    using var prg = new Prg(seed);
                    RingVector.AddMask(acc, prg, p.WordBytes, subtract: Owner > u, scratch);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(seed);
                }
            }
        }

        public void Dispose()
        {
            if (Seed is not null)
            {
                CryptographicOperations.ZeroMemory(Seed);
            }

            Key?.Dispose();
        }
    }

    /// <summary>Rebuilds secrets from the t shares with the lowest points, reusing Lagrange coefficients while the point set repeats (always, for SecAgg without share losses).</summary>
    private sealed class LagrangeCache
    {
        private ulong[] _points = [];
        private ulong[] _coefficients = [];

        public void Combine(List<ShamirShare> shares, int threshold, Span<byte> secret)
        {
            shares.Sort((a, b) => a.Point.CompareTo(b.Point));
            var points = new ulong[threshold];
            for (var i = 0; i < threshold; i++)
            {
                points[i] = (ulong)shares[i].Point;
            }

            if (!points.AsSpan().SequenceEqual(_points))
            {
                _coefficients = ShamirField.LagrangeAtZero(points);
                _points = points;
            }

            ShamirSecretSharing.CombineInto(shares, _coefficients, secret);
        }
    }
}
