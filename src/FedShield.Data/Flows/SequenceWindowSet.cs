namespace FedShield.Data.Flows;

/// <summary>
/// The windows cut by <see cref="SequenceWindows.Build"/>: <see cref="Count"/> windows of <see cref="Length"/>
/// consecutive rows of <see cref="Width"/> features each, stored row-major as (Count, Length, Width).
/// </summary>
/// <param name="Features">Window <c>w</c>, step <c>t</c>, feature <c>f</c> is at <c>(w·Length + t)·Width + f</c>.</param>
/// <param name="Labels">The label of each window: the label of its last row.</param>
/// <param name="LastRows">For each window, the index (into the input rows) of its last row.</param>
/// <param name="Length">Rows per window (L).</param>
/// <param name="Width">Features per row (F).</param>
public sealed record SequenceWindowSet(float[] Features, int[] Labels, int[] LastRows, int Length, int Width)
{
    /// <summary>Number of windows.</summary>
    public int Count => Labels.Length;
}
