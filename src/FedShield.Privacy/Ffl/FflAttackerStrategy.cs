namespace FedShield.Privacy.Ffl;

/// <summary>How a poisoning participant plays FFL (seeds/003, section VII).</summary>
public enum FflAttackerStrategy
{
    /// <summary>
    /// Strategy 1: follow the protocol with the poisoned update, so one poisoned fragment goes to the partner
    /// and the mixed update sent to the server holds the other poisoned fragment and the partner's good one.
    /// </summary>
    MixPoisoned = 1,

    /// <summary>
    /// Strategy 2: exchange a poisoned fragment, then send the server the whole poisoned update (under a pad
    /// of the attacker's own, with its own encrypted seed) instead of the mixed one.
    /// </summary>
    UploadPoisoned = 2,

    /// <summary>
    /// Strategy 3: send poisoned fragments to the partner but a good mixed update to the server, to keep a
    /// good global reputation while discrediting the partner.
    /// </summary>
    ExchangePoisoned = 3,
}
