namespace FedShield.Federation.Messages;

/// <summary>What the values of a <see cref="ClientUpdate"/> are.</summary>
public enum UpdateKind
{
    /// <summary>The client's new model weights.</summary>
    Weights,

    /// <summary>The client's new weights minus the global weights it was sent.</summary>
    Delta,
}
