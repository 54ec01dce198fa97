namespace FedShield.Privacy.SecureAggregation;

/// <summary>
/// The stages of secure aggregation, as carried in <see cref="Federation.Messages.ProtocolMessage.Stage"/>.
/// The consistency-check round of Bonawitz et al. (signatures against an active server) is not run.
/// </summary>
public enum SecureAggregationStage
{
    /// <summary>
    /// Stage 0: the server sends the round's parameters and training instruction; each client trains,
    /// then answers with two fresh P-256 public keys (one for encrypting shares, one for masks).
    /// </summary>
    AdvertiseKeys = 0,

    /// <summary>
    /// Stage 1: the server relays the public keys of the client's group (everyone for SecAgg, its
    /// graph neighbours for SecAgg+); the client answers with Shamir shares of its self-mask seed and
    /// mask key, encrypted for each group member.
    /// </summary>
    ShareKeys = 1,

    /// <summary>Stage 2: the server relays the encrypted shares addressed to the client; the client answers with its masked input.</summary>
    MaskedInputCollection = 2,

    /// <summary>
    /// Stage 3: the server names the survivors and the dropped clients; the client answers with its
    /// shares of the survivors' self-mask seeds and of the dropped clients' mask keys.
    /// </summary>
    Unmasking = 3,
}
