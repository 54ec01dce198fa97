using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

/// <summary>A client's stage-0 answer: its public key for share encryption (c) and for masks (s), 65 bytes each.</summary>
internal sealed record KeyAdvertisement(byte[] EncryptionKey, byte[] MaskKey)
{
    public const int EncodedLength = 2 * AgreementKey.PublicKeyBytes;

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        var w = new WireWriter(bytes);
        w.Bytes(EncryptionKey);
        w.Bytes(MaskKey);
        w.End();
        return bytes;
    }

    /// <exception cref="FormatException">Wrong length, or a key is not a P-256 point.</exception>
    public static KeyAdvertisement Decode(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload, "key advertisement");
        var c = r.Take(AgreementKey.PublicKeyBytes).ToArray();
        var s = r.Take(AgreementKey.PublicKeyBytes).ToArray();
        r.End();
        SecAggContext.ValidatePublicKey(c, "encryption key");
        SecAggContext.ValidatePublicKey(s, "mask key");
        return new KeyAdvertisement(c, s);
    }
}
