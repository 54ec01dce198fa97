namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// What server and clients must agree on for one round: the stage-0 payload. Both sides derive the
/// fixed-point scale from it with the same integer and IEEE-754 operations, so they agree bit for bit.
/// </summary>
/// <param name="Variant">SecAgg or SecAgg+.</param>
/// <param name="Selected">n, the number of selected clients (the most inputs a sum can hold).</param>
/// <param name="Bits">The ring width k.</param>
/// <param name="ClipRange">The coordinate clip range c.</param>
/// <param name="MaxWeight">The largest weight W.</param>
/// <param name="ClipNorm">The L2 bound each client clips its delta to first, or null.</param>
/// <param name="WeightBySamples">Whether updates are weighted by their (capped) sample count.</param>
/// <param name="Dimension">d, the number of model parameters.</param>
/// <param name="Neighbours">SecAgg+: the requested graph degree k (a group never exceeds k + 1); 0 for SecAgg.</param>
internal sealed record RoundParameters(
    SecureAggregationVariant Variant,
    int Selected,
    int Bits,
    double ClipRange,
    long MaxWeight,
    double? ClipNorm,
    bool WeightBySamples,
    int Dimension,
    int Neighbours)
{
    /// <summary>Encoded length in bytes.</summary>
    public const int EncodedLength = 40;

    private const byte Version = 1;

    /// <summary>The clip range actually used: after L2 clipping to M no coordinate exceeds M, so min(c, M).</summary>
    public double EffectiveClipRange => ClipNorm is { } m ? Math.Min(ClipRange, m) : ClipRange;

    /// <summary>The largest weight actually used: W, or 1 when updates count once.</summary>
    public long EffectiveMaxWeight => WeightBySamples ? MaxWeight : 1;

    /// <summary>B = ⌊(2^(k−1) − 1)/n⌋: the largest magnitude of one client's encoded coordinate.</summary>
    public ulong PerClientBound => (Bits == 64 ? long.MaxValue : (1UL << (Bits - 1)) - 1) / (ulong)Selected;

    /// <summary>S = B/(c·W): encoded integer per unit of weighted value.</summary>
    public double Scale => PerClientBound / (EffectiveClipRange * EffectiveMaxWeight);

    /// <summary>The mask of k low bits.</summary>
    public ulong Mask => Bits == 64 ? ulong.MaxValue : (1UL << Bits) - 1;

    /// <summary>Bytes of PRG output per ring element: 4 when k ≤ 32, else 8.</summary>
    public int WordBytes => Bits <= 32 ? 4 : 8;

    /// <summary>Bytes per ring element on the wire, ⌈k/8⌉.</summary>
    public int ElementBytes => (Bits + 7) / 8;

    /// <summary>Ring elements per input: d coordinates and the weight.</summary>
    public int Elements => Dimension + 1;

    /// <summary>The protocol name carried in messages.</summary>
    public string ProtocolName => SecureAggregationProtocol.NameOf(Variant);

    /// <summary>
    /// The bound on the error, per coordinate, of the decoded weighted mean against the exact weighted
    /// mean of the clipped updates: survivors·(1/2 + B·2^−51)/(S·Σw). Each client's encoded integer is
    /// within 1/2 (rounding) plus B·2^−51 (the double products w·S and v·(w·S)) of the exact value.
    /// </summary>
    public double MeanErrorBound(int survivors, double totalWeight) =>
        survivors * (0.5 + (PerClientBound * Math.ScaleB(1.0, -51))) / (Scale * totalWeight);

    /// <summary>Why these parameters cannot run a round, or null when they can.</summary>
    public string? Problem()
    {
        if (!Enum.IsDefined(Variant))
        {
            return $"unknown variant {(int)Variant}";
        }

        if (Selected < 2)
        {
            return $"secure aggregation needs at least 2 clients, not {Selected}";
        }

        if (Bits is < 8 or > 64)
        {
            return $"the ring width must be from 8 to 64 bits, not {Bits}";
        }

        if (!(double.IsFinite(ClipRange) && ClipRange > 0))
        {
            return $"the clip range must be positive and finite, not {ClipRange}";
        }

        if (ClipNorm is { } m && !(double.IsFinite(m) && m > 0))
        {
            return $"the L2 clip norm must be positive and finite, not {m}";
        }

        if (MaxWeight < 1)
        {
            return $"the largest weight must be at least 1, not {MaxWeight}";
        }

        if (Dimension < 1 || Dimension == int.MaxValue)
        {
            return $"the model must have 1 to {int.MaxValue - 1} parameters, not {Dimension}";
        }

        if (Neighbours < 0 || (Variant == SecureAggregationVariant.SecAgg && Neighbours != 0))
        {
            return $"a neighbour count of {Neighbours} does not fit variant {Variant}";
        }

        // Σw ≤ n·W must fit in the ring unsigned, and every client needs a non-zero range.
        if (Bits < 64 && (UInt128)(ulong)Selected * (ulong)EffectiveMaxWeight >= (UInt128)1 << Bits)
        {
            return $"{Bits}-bit ring elements cannot hold the total weight of {Selected} clients of weight up to {EffectiveMaxWeight}";
        }

        return PerClientBound == 0
            ? $"{Bits}-bit ring elements leave no room for the sum of {Selected} clients"
            : null;
    }

    /// <summary>The stage-0 payload.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        var w = new WireWriter(bytes);
        w.Byte(Version);
        w.Byte((byte)Variant);
        w.Int32(Selected);
        w.Byte((byte)Bits);
        w.Double(ClipRange);
        w.Int64(MaxWeight);
        w.Byte((byte)((WeightBySamples ? 1 : 0) | (ClipNorm is null ? 0 : 2)));
        w.Double(ClipNorm ?? 0);
        w.Int32(Dimension);
        w.Int32(Neighbours);
        w.End();
        return bytes;
    }

    /// <summary>Decodes and validates a stage-0 payload.</summary>
    /// <exception cref="FormatException">It is malformed or describes parameters that cannot run.</exception>
    public static RoundParameters Decode(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "round parameters");
        var version = r.Byte();
        if (version != Version)
        {
            throw new FormatException($"round parameters of version {version}; this client speaks version {Version}");
        }

        var variant = (SecureAggregationVariant)r.Byte();
        var selected = r.Int32();
        var bits = r.Byte();
        var clipRange = r.Double();
        var maxWeight = r.Int64();
        var flags = r.Byte();
        var clipNorm = r.Double();
        var dimension = r.Int32();
        var neighbours = r.Int32();
        r.End();
        if ((flags & ~3) != 0)
        {
            throw new FormatException($"unknown flags 0x{flags:x2} in the round parameters");
        }

        var p = new RoundParameters(variant, selected, bits, clipRange, maxWeight, (flags & 2) != 0 ? clipNorm : null, (flags & 1) != 0, dimension, neighbours);
        return p.Problem() is { } problem ? throw new FormatException("unusable round parameters: " + problem) : p;
    }
}
