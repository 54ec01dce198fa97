namespace FedShield.Data.Vision;

/// <summary>How to load an MNIST-family dataset.</summary>
/// <param name="Normalization">Per-pixel normalisation after scaling to [0, 1]; null for the variant's customary statistics (MNIST 0.1307/0.3081, Fashion-MNIST 0.2860/0.3530).</param>
/// <param name="VerifyChecksums">Verify the SHA-256 of the decompressed files against the published data (on by default; costs about 30 ms).</param>
public sealed record MnistOptions(ImageNormalization? Normalization = null, bool VerifyChecksums = true);
