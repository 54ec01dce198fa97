using FedShield.Federation.Transport;

namespace FedShield.Attacks.Tests;

public class AttackDeploymentTests
{
    [Fact]
    public void Deploy_WrapsExactlyTheMaliciousClients_InOrder()
    {
        var fakes = Enumerable.Range(0, 5).Select(id => FakeClient.Sending(10 + id, 1f)).ToArray();

        var deployed = AttackDeployment.Deploy(fakes, new SignFlipAttack(), [13, 11], Seeds.Run);

        Assert.Equal([10, 11, 12, 13, 14], deployed.Clients.Select(c => c.Id));
        Assert.Equal([11, 13], deployed.Malicious);
        Assert.Equal([11, 13], deployed.Coalition.Members);
        Assert.Equal(Seeds.Run, deployed.Coalition.RunSeed);
        foreach (int k in new[] { 0, 2, 4 })
        {
            Assert.Same(fakes[k], deployed.Clients[k]);
        }

        foreach (int k in new[] { 1, 3 })
        {
            Assert.NotSame(fakes[k], deployed.Clients[k]);
            Assert.IsNotType<ObservedClient>(deployed.Clients[k]);
        }
    }

    [Fact]
    public void Deploy_OmniscientAttack_ObservesEveryHonestClient()
    {
        var fakes = Enumerable.Range(0, 4).Select(id => FakeClient.Sending(id, 1f)).ToArray();

        var deployed = AttackDeployment.Deploy(fakes, new LittleIsEnoughAttack(omniscient: true), [2], Seeds.Run);

        foreach (int k in new[] { 0, 1, 3 })
        {
            Assert.Same(fakes[k], Assert.IsType<ObservedClient>(deployed.Clients[k]).Honest);
        }

        Assert.IsNotType<ObservedClient>(deployed.Clients[2]);
    }

    [Fact]
    public void Deploy_NoMaliciousClients_ChangesNothing()
    {
        var fakes = new IFederatedClient[] { FakeClient.Sending(0, 1f), FakeClient.Sending(1, 1f) };
        var deployed = AttackDeployment.Deploy(fakes, new ScalingAttack(5), [], Seeds.Run);
        Assert.Equal(fakes, deployed.Clients);
        Assert.Empty(deployed.Malicious);
    }

    [Fact]
    public void Deploy_BadInput_IsRejectedClearly()
    {
        var fakes = new IFederatedClient[] { FakeClient.Sending(0, 1f), FakeClient.Sending(1, 1f) };

        var unknown = Assert.Throws<ArgumentException>(() => AttackDeployment.Deploy(fakes, new SignFlipAttack(), [7], Seeds.Run));
        Assert.Contains("malicious id 7 names no client", unknown.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<ArgumentException>(() => AttackDeployment.Deploy(fakes, new SignFlipAttack(), [1, 1], Seeds.Run));
        Assert.Contains("member 1 appears twice", twice.Message, StringComparison.Ordinal);
        var sameId = Assert.Throws<ArgumentException>(() => AttackDeployment.Deploy([fakes[0], FakeClient.Sending(0, 2f)], new SignFlipAttack(), [], Seeds.Run));
        Assert.Contains("two clients have id 0", sameId.Message, StringComparison.Ordinal);
        var cannot = Assert.Throws<ArgumentException>(() => AttackDeployment.Deploy([new PlainClient(0)], new LabelFlipAttack(1, 0), [0], Seeds.Run));
        Assert.Contains("client 0 is a PlainClient", cannot.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChooseThenDeploy_IsReproducibleFromTheRunSeed()
    {
        var fakes = Enumerable.Range(0, 20).Select(id => FakeClient.Sending(id, 1f)).ToArray();
        var ids = fakes.Select(f => f.Id).ToArray();
        var malicious = MaliciousClients.Choose(ids, MaliciousClients.CountFor(ids.Length, 0.2), Seeds.Run);

        var first = AttackDeployment.Deploy(fakes, new SignFlipAttack(), malicious, Seeds.Run);
        var second = AttackDeployment.Deploy(fakes, new SignFlipAttack(), MaliciousClients.Choose(ids, 4, Seeds.Run), Seeds.Run);

        Assert.Equal(4, first.Malicious.Count);
        Assert.Equal(first.Malicious, second.Malicious);
    }
}
