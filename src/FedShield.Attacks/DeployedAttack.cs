using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>A federation's clients after an attack was deployed on some of them.</summary>
/// <param name="Clients">Every client, in the input order: malicious ones wrapped by the attack, honest ones as given (or observed, for omniscient attacks).</param>
/// <param name="Coalition">The malicious clients' coalition; register it as a federation observer so it learns each round's selection.</param>
/// <param name="Malicious">The malicious client ids, ascending.</param>
public sealed record DeployedAttack(IReadOnlyList<IFederatedClient> Clients, Coalition Coalition, IReadOnlyList<int> Malicious);
