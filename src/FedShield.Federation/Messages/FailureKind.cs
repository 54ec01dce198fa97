namespace FedShield.Federation.Messages;

/// <summary>Why a client produced no usable reply.</summary>
public enum FailureKind
{
    /// <summary>The client raised an error while working.</summary>
    Error,

    /// <summary>The client did not answer within the round's timeout.</summary>
    Timeout,

    /// <summary>The reply was rejected: wrong length, non-finite values, wrong round, bad sample count.</summary>
    Malformed,

    /// <summary>The client could not be reached or left the federation.</summary>
    Unavailable,
}
