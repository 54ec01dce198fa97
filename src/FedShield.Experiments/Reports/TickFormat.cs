namespace FedShield.Experiments.Reports;

/// <summary>How <see cref="SvgLineChart"/> writes the values of its y-axis ticks.</summary>
public enum TickFormat
{
    /// <summary>Plain numbers with thousands separators and as many decimals as the tick step needs.</summary>
    Number,

    /// <summary>Fractions as percentages (0.85 → 85%).</summary>
    Percent,

    /// <summary>Byte counts in SI units (1 kB = 1000 B): B, kB, MB, GB, TB.</summary>
    Bytes,
}
