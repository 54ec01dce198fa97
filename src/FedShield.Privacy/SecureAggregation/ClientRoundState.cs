using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// What a <see cref="SecureAggregationClient"/> holds during one round. Secrets are released as soon
/// as the protocol no longer needs them and <see cref="Clear"/> zeroes whatever is left when the round
/// ends or is abandoned; the arrays stay referenced (zeroed) so tests can check.
/// </summary>
internal sealed class ClientRoundState(int round, string protocol, RoundParameters parameters)
{
    public int Round { get; } = round;

    public string Protocol { get; } = protocol;

    public RoundParameters Parameters { get; } = parameters;

    /// <summary>The stage the client expects next.</summary>
    public SecureAggregationStage NextStage { get; set; }

    /// <summary>The trained delta x_u (zeroed once masked).</summary>
    public float[]? Update { get; set; }

    /// <summary>The aggregation weight w_u.</summary>
    public long Weight { get; set; }

    /// <summary>The key pair c_u that seals and opens share boxes.</summary>
    public AgreementKey? EncryptionKey { get; set; }

    /// <summary>The key pair s_u behind the pairwise masks (disposed once masked).</summary>
    public AgreementKey? MaskKey { get; set; }

    /// <summary>This client's Shamir evaluation point.</summary>
    public int Point { get; set; }

    /// <summary>The threshold t of this round.</summary>
    public int Threshold { get; set; }

    /// <summary>The group relayed at stage 1, by id (this client included).</summary>
    public Dictionary<int, RosterEntry>? Group { get; set; }

    /// <summary>The self-mask seed b_u (zeroed once masked).</summary>
    public byte[]? SelfMaskSeed { get; set; }

    /// <summary>This client's own share of b_u, revealed at stage 3 when it survives.</summary>
    public ShamirShare? OwnSeedShare { get; set; }

    /// <summary>The key shared with each other group member for its boxes (zeroed at the end).</summary>
    public Dictionary<int, byte[]>? BoxKeys { get; set; }

    /// <summary>The boxes relayed at stage 2, by sender.</summary>
    public Dictionary<int, byte[]>? Boxes { get; set; }

    /// <summary>Whether <see cref="Clear"/> ran.</summary>
    public bool Cleared { get; private set; }

    /// <summary>Zeroes the update, disposes the mask key and zeroes the seed (after masking).</summary>
    public void ReleaseMaskingSecrets()
    {
        if (Update is { } update)
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(update.AsSpan()));
        }

        if (SelfMaskSeed is { } seed)
        {
            CryptographicOperations.ZeroMemory(seed);
        }

        MaskKey?.Dispose();
    }

    /// <summary>Zeroes and disposes every secret of the round.</summary>
    public void Clear()
    {
        ReleaseMaskingSecrets();
        OwnSeedShare?.Clear();
        EncryptionKey?.Dispose();
        if (BoxKeys is { } keys)
        {
            foreach (var key in keys.Values)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        Boxes?.Clear();
        Cleared = true;
    }
}
