using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>Puts an attack into a federation: the one place where honest clients become malicious ones.</summary>
public static class AttackDeployment
{
    /// <summary>
    /// Wraps the clients whose ids are in <paramref name="malicious"/> with <paramref name="attack"/>,
    /// sharing one <see cref="Coalition"/>; the honest clients are returned as they are, or, when the
    /// attack is <see cref="IAttack.Omniscient"/>, each in an <see cref="ObservedClient"/>. Register
    /// the returned coalition as the federation's observer (it must learn each round's selection).
    /// </summary>
    /// <param name="clients">The federation's clients (distinct ids).</param>
    /// <param name="attack">The attack.</param>
    /// <param name="malicious">The malicious ids (distinct, each a client's), e.g. from <see cref="MaliciousClients.Choose"/>.</param>
    /// <param name="runSeed">The federation's run seed (the orchestrator's), from which the attack's randomness and every client's fit seed derive.</param>
    /// <exception cref="ArgumentException">Two clients share an id, a malicious id is repeated or names no client, or the attack rejects a client (see <see cref="IAttack.Wrap"/>).</exception>
    public static DeployedAttack Deploy(IReadOnlyList<IFederatedClient> clients, IAttack attack, IReadOnlyList<int> malicious, long runSeed)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(malicious);
        var ids = new HashSet<int>();
        foreach (var client in clients)
        {
            ArgumentNullException.ThrowIfNull(client, nameof(clients));
            if (!ids.Add(client.Id))
            {
                throw new ArgumentException($"two clients have id {client.Id}", nameof(clients));
            }
        }

        foreach (int id in malicious)
        {
            if (!ids.Contains(id))
            {
                throw new ArgumentException($"malicious id {id} names no client of the federation", nameof(malicious));
            }
        }

        var coalition = new Coalition(malicious, runSeed);
        var context = new AttackContext(runSeed, coalition);
        var deployed = new IFederatedClient[clients.Count];
        for (int i = 0; i < clients.Count; i++)
        {
            var client = clients[i];
            if (coalition.IsMember(client.Id))
            {
                deployed[i] = attack.Wrap(client, context);
                if (deployed[i].Id != client.Id)
                {
                    throw new InvalidOperationException($"attack '{attack.Name}' turned client {client.Id} into a client with id {deployed[i].Id}; an attack must keep the id");
                }
            }
            else
            {
                deployed[i] = attack.Omniscient ? new ObservedClient(client, coalition) : client;
            }
        }

        return new DeployedAttack(deployed, coalition, coalition.Members);
    }
}
