namespace FedShield.Data.Synthetic;

/// <summary>One split of synthetic flows in time order: rows (Count × 10), labels, and the lengths of the consecutive sessions.</summary>
internal sealed record FlowStream(float[] Rows, int[] Labels, int[] SessionLengths);
