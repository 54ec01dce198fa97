using System.Diagnostics;
using System.Security.Cryptography;
using FedShield.Privacy.Crypto;

namespace FedShield.Benchmarks;

/// <summary>
/// This machine's speed at the kinds of work secure aggregation does, measured once before a sweep
/// so that cases too large for the budget can be skipped with an estimate instead of run: expanding
/// masks (AES-256-CTR stream folded into 64-bit ring words) and the key work each pair of clients
/// costs (P-256 public-key checks, ECDH with HKDF-SHA256, AES-GCM seal and open of a share box).
/// Each figure is measured on <c>threads</c> threads at once and given per thread, so a machine
/// shared with other work is priced as it is at that moment.
/// </summary>
/// <param name="PrgBytesPerSecond">Mask stream bytes one thread expands and adds into ring words per second.</param>
/// <param name="ValidateSeconds">One P-256 public-key check, seconds.</param>
/// <param name="DeriveSeconds">One ECDH key derivation with HKDF (the peer's public key imported each time), seconds.</param>
/// <param name="SealOpenSeconds">One AES-GCM seal and one open of a share box, seconds.</param>
/// <param name="Threads">Threads the figures were measured on at once.</param>
public sealed record SecAggCalibration(double PrgBytesPerSecond, double ValidateSeconds, double DeriveSeconds, double SealOpenSeconds, int Threads)
{
    // Shares of a 32-byte seed and a 32-byte key: 5 field elements of 8 bytes each, plus headers.
    private const int BoxPlaintextBytes = 96;

    /// <summary>
    /// One client's key work per other member of its group, seconds: the two public keys of the member
    /// checked, three derivations (the share box to it, opening its box, the pairwise mask seed) and
    /// one seal and one open.
    /// </summary>
    public double PairSeconds => (2 * ValidateSeconds) + (3 * DeriveSeconds) + SealOpenSeconds;

    /// <summary>Measures this machine on <paramref name="threads"/> threads at once (a fraction of a second).</summary>
    /// <param name="threads">Threads (≥ 1): the number of clients the benchmark runs at once.</param>
    public static SecAggCalibration Measure(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        PerThread(threads, () => Prg(4 << 20));
        var prg = PerThread(threads, () => Prg(32 << 20));
        PerThread(threads, () => Keys(4));
        var keys = PerThread(threads, () => Keys(64));
        return new SecAggCalibration(prg[0], keys[0], keys[1], keys[2], threads);
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
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
        {
            AgreementKey.Validate(peer.PublicKey);
        }

        var validate = clock.Elapsed.TotalSeconds / repeat;
        var key = own.DeriveKey(peer.PublicKey, purpose);
        clock.Restart();
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
        return [validate, derive, sealOpen];
    }
}
