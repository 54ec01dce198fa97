namespace FedShield.Data;

/// <summary>Settings common to every catalog dataset.</summary>
/// <param name="Seed">Seed of generated datasets and of random splits (the CIC-DDoS2019 train/test split).</param>
/// <param name="VerifyChecksums">Verify files against their published SHA-256 before loading them.</param>
public sealed record DatasetLoadSettings(int Seed = 0, bool VerifyChecksums = true);
