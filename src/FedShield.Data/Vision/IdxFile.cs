namespace FedShield.Data.Vision;

/// <summary>The contents of an IDX file of unsigned bytes (the MNIST family's format): its dimensions and its data.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Dimensions">The dimension sizes from the header, e.g. (60000, 28, 28).</param>
/// <param name="Data">The payload, <c>prod(Dimensions)</c> bytes in row-major order.</param>
public sealed record IdxFile(string Path, int[] Dimensions, byte[] Data)
{
    /// <summary>Number of items (the first dimension).</summary>
    public int Count => Dimensions[0];
}
