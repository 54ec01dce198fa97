namespace FedShield.Data.Flows;

/// <summary>
/// Cuts ordered rows (flows in time order) into overlapping windows of consecutive rows for recurrent
/// models. Rows come in segments (a file, a session); a window never spans two segments.
/// </summary>
public static class SequenceWindows
{
    /// <summary>
    /// Builds every window of <paramref name="length"/> consecutive rows that fits inside one segment,
    /// starting at the segment's first row and then every <paramref name="stride"/> rows. A segment of
    /// <c>n</c> rows yields <c>⌊(n − length) / stride⌋ + 1</c> windows, none when <c>n &lt; length</c>.
    /// Windows are emitted in row order; each is labelled with the label of its last row.
    /// </summary>
    /// <param name="rows">The rows, row-major: <c>labels.Length × width</c> values.</param>
    /// <param name="width">Features per row, ≥ 1.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="segmentLengths">Consecutive segment lengths (each ≥ 0), summing to the number of rows.</param>
    /// <param name="length">Rows per window (L), ≥ 1.</param>
    /// <param name="stride">Rows between the starts of consecutive windows of a segment, ≥ 1.</param>
    /// <returns>The windows, shape (Count, length, width).</returns>
    /// <exception cref="ArgumentException">The lengths disagree or a segment length is negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/>, <paramref name="length"/> or <paramref name="stride"/> is below 1.</exception>
    public static SequenceWindowSet Build(ReadOnlySpan<float> rows, int width, ReadOnlySpan<int> labels, ReadOnlySpan<int> segmentLengths, int length, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if ((long)labels.Length * width != rows.Length)
        {
            throw new ArgumentException($"SequenceWindows: {rows.Length} values do not form {labels.Length} rows of width {width}.", nameof(rows));
        }

        long total = 0;
        int windows = 0;
        foreach (int n in segmentLengths)
        {
            if (n < 0)
            {
                throw new ArgumentException($"SequenceWindows: segment length {n} is negative.", nameof(segmentLengths));
            }

            total += n;
            windows += CountWindows(n, length, stride);
        }

        if (total != labels.Length)
        {
            throw new ArgumentException($"SequenceWindows: segment lengths sum to {total}, expected the row count {labels.Length}.", nameof(segmentLengths));
        }

        int windowSize = length * width;
        var features = new float[(long)windows * windowSize];
        var windowLabels = new int[windows];
        var lastRows = new int[windows];
        int w = 0;
        int segmentStart = 0;
        foreach (int n in segmentLengths)
        {
            for (int start = segmentStart; start + length <= segmentStart + n; start += stride)
            {
                // Rows [start, start + length) are contiguous in the row-major input, so one copy suffices.
                rows.Slice(start * width, windowSize).CopyTo(features.AsSpan(w * windowSize, windowSize));
                int last = start + length - 1;
                windowLabels[w] = labels[last];
                lastRows[w] = last;
                w++;
            }

            segmentStart += n;
        }

        return new SequenceWindowSet(features, windowLabels, lastRows, length, width);
    }

    /// <summary>Number of windows <see cref="Build"/> cuts from a segment of <paramref name="rowCount"/> rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowCount"/> is negative, or <paramref name="length"/> or <paramref name="stride"/> is below 1.</exception>
    public static int CountWindows(int rowCount, int length, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        return rowCount < length ? 0 : ((rowCount - length) / stride) + 1;
    }
}
