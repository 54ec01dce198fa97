using FedShield.Learning.Models;
using FedShield.Nn.Models;

namespace FedShield.Learning.Tests;

public class ModelPoolTests
{
    private static ModelPool SmallPool() =>
        new(ModelCatalog.Resolve(ModelSpec.Parse("mlp(hidden=[4])"), new ModelInput([3], 2)));

    [Fact]
    public void Rent_AfterReturn_ReusesTheInstance()
    {
        var pool = SmallPool();
        Assert.Equal(1, pool.InstanceCount);
        Assert.Equal((3 * 4) + 4 + (4 * 2) + 2, pool.ParameterCount);
        Assert.Equal(0, pool.BufferCount);
        Nn.Module first;
        using (var lease = pool.Rent())
        {
            first = lease.Model;
        }

        using (var again = pool.Rent())
        {
            Assert.Same(first, again.Model);
        }

        Assert.Equal(1, pool.InstanceCount);
    }

    [Fact]
    public void Rent_WhileRented_BuildsAnotherInstance()
    {
        var pool = SmallPool();
        using var a = pool.Rent();
        using var b = pool.Rent();
        Assert.NotSame(a.Model, b.Model);
        Assert.Equal(2, pool.InstanceCount);
    }

    [Fact]
    public void Dispose_Twice_ReturnsOnceAndLeaseBecomesUnusable()
    {
        var pool = SmallPool();
        var lease = pool.Rent();
        lease.Dispose();
        lease.Dispose();
        Assert.Throws<ObjectDisposedException>(() => lease.Model);
        using var a = pool.Rent();
        using var b = pool.Rent();
        Assert.NotSame(a.Model, b.Model);
    }

    [Fact]
    public void Rent_ManyThreads_NeverSharesAnInstance()
    {
        var pool = SmallPool();
        var inUse = new System.Collections.Concurrent.ConcurrentDictionary<Nn.Module, int>();
        int conflicts = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            using var lease = pool.Rent();
            if (!inUse.TryAdd(lease.Model, 0))
            {
                Interlocked.Increment(ref conflicts);
            }

            Thread.SpinWait(200);
            inUse.TryRemove(lease.Model, out int _);
        });
        Assert.Equal(0, conflicts);
        Assert.InRange(pool.InstanceCount, 1, 4);
    }

    [Fact]
    public void Constructor_FactoryReturnsUnmaterialisedModel_Throws()
    {
        var blueprint = new ModelBlueprint("raw", new ModelInput([2], 2), ModelHead.Logits, [2], r => new Nn.Layers.Linear(2, 2, r));
        var e = Assert.Throws<InvalidOperationException>(() => new ModelPool(blueprint));
        Assert.Contains("not materialised", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rent_StructureChangesBetweenInstances_Throws()
    {
        int built = 0;
        var blueprint = new ModelBlueprint("unstable", new ModelInput([2], 2), ModelHead.Logits, [2], r => new Mlp(r, 2, [++built], 2));
        var pool = new ModelPool(blueprint);
        using var first = pool.Rent();
        var e = Assert.Throws<InvalidOperationException>(() => pool.Rent());
        Assert.Contains("a new instance has", e.Message, StringComparison.Ordinal);
    }
}
