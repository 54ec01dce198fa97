using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks.Tests;

/// <summary>Small federations of fake clients with an attack deployed, and ways to run a round on them.</summary>
internal static class Federations
{
    /// <summary>Client i sends deltas[i]; the attack is deployed on <paramref name="members"/>.</summary>
    public static (DeployedAttack Deployed, FakeClient[] Fakes) Deploy(IAttack attack, int[] members, params float[][] deltas)
    {
        var fakes = deltas.Select((d, i) => FakeClient.Sending(i, d)).ToArray();
        return (AttackDeployment.Deploy(fakes, attack, members, Seeds.Run), fakes);
    }

    /// <summary>Fits the clients with ids <paramref name="ids"/> one after another.</summary>
    public static async Task<ClientReply[]> FitAsync(DeployedAttack deployed, IEnumerable<int> ids, float[] weights, int round = 1)
    {
        var replies = new List<ClientReply>();
        foreach (int id in ids)
        {
            replies.Add(await deployed.Clients.Single(c => c.Id == id).FitAsync(FakeClient.Instruction(id, weights, round), CancellationToken.None));
        }

        return [.. replies];
    }

    /// <summary>
    /// Fits every client of <paramref name="clients"/> at once, each on its own thread blocking on
    /// the result as the simulation's workers do, released together by a barrier.
    /// </summary>
    public static ClientReply[] FitInParallel(IReadOnlyList<IFederatedClient> clients, float[] weights, int round)
    {
        var replies = new ClientReply[clients.Count];
        var errors = new Exception?[clients.Count];
        using var barrier = new Barrier(clients.Count);
        var threads = clients.Select((client, k) => new Thread(() =>
        {
            barrier.SignalAndWait();
            try
            {
                var pending = client.FitAsync(FakeClient.Instruction(client.Id, weights, round), CancellationToken.None);
                replies[k] = pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                errors[k] = ex;
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.All(errors, Assert.Null);
        return replies;
    }

    public static float[] Values(ClientReply reply) => Assert.IsType<ClientUpdate>(reply).Values;
}
