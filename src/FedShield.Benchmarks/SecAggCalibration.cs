using System.Diagnostics;
using System.Security.Cryptography;
using FedShield.Privacy.Crypto;

namespace FedShield.Benchmarks;

/// <summary>
/// This machine's speed at the kinds of work secure aggregation does, measured once before a sweep
/// so that cases too large for the budget can be skipped with an estimate instead of run: expanding
/// masks (AES-256-CTR stream folded into 64-bit ring words) and the key work each pair of clients
/// costs (ECDH on P-256 with HKDF-SHA256, the peer's public key imported and checked each time, and
/// an AES-GCM seal and open of a share box).
/// Each figure is measured on <c>threads</c> threads at once and given per thread, so a machine
/// shared with other work is priced as it is at that moment.
/// </summary>
/// <param name="PrgBytesPerSecond">Mask stream bytes one thread expands and adds into ring words per second.</param>
/// <param name="DeriveSeconds">One ECDH key derivation with HKDF (the peer's public key imported and checked each time), seconds.</param>
/// <param name="SealOpenSeconds">One AES-GCM seal and one open of a share box, seconds.</param>
/// <param name="Threads">Threads the figures were measured on at once.</param>
public sealed record SecAggCalibration(double PrgBytesPerSecond, double DeriveSeconds, double SealOpenSeconds, int Threads)
{
    // Shares of a 32-byte seed and a 32-byte key: 5 field elements of 8 bytes each, plus headers.
    private const int BoxPlaintextBytes = 96;

    private const int Attempts = 3;

    /// <summary>
    /// One client's key work per other member of its group, seconds, as <c>SecureAggregationClient</c>
    /// does it: two derivations (the share-box key, kept to open the member's box later, and the
    /// pairwise mask seed), each importing and checking the member's public key, and one seal and one
    /// open of a share box.
    /// </summary>
    public double PairSeconds => (2 * DeriveSeconds) + SealOpenSeconds;

    /// <summary>Measures this machine on <paramref name="threads"/> threads at once, best of three (about half a second).</summary>
    /// <param name="threads">Threads (≥ 1): the number of clients the benchmark runs at once.</param>
    public static SecAggCalibration Measure(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        PerThread(threads, () => Prg(4 << 20));
        PerThread(threads, () => Keys(4));

        // Best of three: a burst of other work during one short measurement must not halve the
        // estimate of the machine (the estimate decides which cases run).
        double prg = 0, derive = double.MaxValue, sealOpen = double.MaxValue;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            prg = Math.Max(prg, PerThread(threads, () => Prg(16 << 20))[0]);
            var keys = PerThread(threads, () => Keys(32));
            derive = Math.Min(derive, keys[0]);
            sealOpen = Math.Min(sealOpen, keys[1]);
        }

        return new SecAggCalibration(prg, derive, sealOpen, threads);
    }

    /// <summary>Runs <paramref name="work"/> on each of <paramref name="threads"/> threads at once; returns the element-wise mean of their results.</summary>
    private static double[] PerThread(int threads, Func<double[]> work)
    {
        var results = new double[threads][];
        var workers = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            var index = t;
            workers[t] = new Thread(() => results[index] = work()) { IsBackground = true };
            workers[t].Start();
        }

        foreach (var w in workers)
        {
            w.Join();
        }

        var mean = new double[results[0].Length];
        foreach (var r in results)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += r[i] / threads;
            }
        }

        return mean;
    }

    private static double[] Prg(int bytes)
    {
        var scratch = new uint[4096];
        var acc = new ulong[scratch.Length];
        using var prg = Privacy.Crypto.Prg.FromOsRandom();
        var clock = Stopwatch.StartNew();
        for (long done = 0; done < bytes; done += 4L * scratch.Length)
        {
            prg.NextUInt32(scratch);
            for (var i = 0; i < scratch.Length; i++)
            {
                acc[i] += scratch[i];
            }
        }

        clock.Stop();
        GC.KeepAlive(acc);
        return [bytes / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)];
    }

    private static double[] Keys(int repeat)
    {
        using var own = AgreementKey.Create();
        using var peer = AgreementKey.Create();
        var purpose = "fedshield-bench-calibration"u8.ToArray();
        var plaintext = new byte[BoxPlaintextBytes];
        var key = own.DeriveKey(peer.PublicKey, purpose);
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
        {
            CryptographicOperations.ZeroMemory(own.DeriveKey(peer.PublicKey, purpose));
        }

        var derive = clock.Elapsed.TotalSeconds / repeat;
        clock.Restart();
        for (var r = 0; r < repeat; r++)
        {
            SealedBox.Open(key, SealedBox.Seal(key, plaintext, purpose), purpose);
        }

        var sealOpen = clock.Elapsed.TotalSeconds / repeat;
        CryptographicOperations.ZeroMemory(key);
        return [derive, sealOpen];
    }
}
