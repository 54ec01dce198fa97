using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// A poisoning attack: a decorator put around an honest client by configuration, so that honest
/// code never contains attack branches. <see cref="AttackDeployment.Deploy"/> applies it to the
/// malicious clients of a federation.
/// </summary>
public interface IAttack
{
    /// <summary>The attack's name in configurations and reports ("sign-flip", "alie", ...).</summary>
    string Name { get; }

    /// <summary>
    /// Whether the attack reads the updates of honest clients (an omniscient attacker). The
    /// deployment then wraps every honest client in an <see cref="ObservedClient"/>, so that the
    /// coalition and the transport share each honest client's one training run per round.
    /// </summary>
    bool Omniscient => false;

    /// <summary>The malicious client that replaces <paramref name="honest"/>; it keeps its id.</summary>
    /// <param name="honest">The honest client the attacker controls.</param>
    /// <param name="context">The run seed and the coalition the malicious clients share.</param>
    /// <exception cref="ArgumentException">The attack cannot work with this client (a data-poisoning attack needs an <see cref="ITransformableClient"/>, the client is not a member of the coalition, ...).</exception>
    IFederatedClient Wrap(IFederatedClient honest, AttackContext context);
}
