using FedShield.Privacy.Niss;

namespace FedShield.Privacy.Tests.Niss;

public class NissTrackerTests
{
    [Fact]
    public void Neighbours_NeverTheClientItselfNorADeadClient()
    {
        var tracker = new NissTracker();
        for (var trial = 0; trial < 200; trial++)
        {
            tracker.StartRound(Enumerable.Range(1, 12));
            var dead = new[] { 1 + (trial % 12), 1 + ((trial * 7) % 12) };
            foreach (var d in dead)
            {
                tracker.Leave(d);
            }

            foreach (var id in tracker.Live)
            {
                var list = tracker.Neighbours(id, 1 + (trial % 6));
                Assert.DoesNotContain(id, list);
                Assert.DoesNotContain(list, n => dead.Contains(n));
                Assert.Equal(list.Length, list.Distinct().Count());
                Assert.All(list, n => Assert.True(tracker.IsLive(n)));
            }
        }
    }

    [Fact]
    public void Neighbours_CountIsCappedAtTheOtherLiveClients()
    {
        var tracker = new NissTracker();
        tracker.StartRound([3, 5, 9, 11]);
        Assert.Equal(2, tracker.Neighbours(3, 2).Length);
        Assert.Equal([5, 9, 11], tracker.Neighbours(3, 10).Order());
        Assert.Equal([3, 5, 11], tracker.Neighbours(9).Order());
        tracker.Leave(5);
        tracker.Leave(9);
        tracker.Leave(11);
        Assert.Empty(tracker.Neighbours(3));
    }

    [Fact]
    public void Neighbours_OfADeadOrUnknownClient_Throws()
    {
        var tracker = new NissTracker();
        tracker.StartRound([1, 2, 3]);
        tracker.Leave(2);
        Assert.Throws<ArgumentException>(() => tracker.Neighbours(2));
        Assert.Throws<ArgumentException>(() => tracker.Neighbours(7));
        Assert.Throws<ArgumentException>(() => tracker.StartRound([1, 1]));
    }

    [Fact]
    public void Neighbours_AreUniformOverTheOtherClients()
    {
        // 6000 draws of one neighbour among 5: each count is Binomial(6000, 1/5), sd ≈ 31.
        var tracker = new NissTracker();
        tracker.StartRound(Enumerable.Range(0, 6));
        var counts = new int[6];
        for (var i = 0; i < 6000; i++)
        {
            counts[tracker.Neighbours(0, 1)[0]]++;
        }

        Assert.Equal(0, counts[0]);
        Assert.All(counts[1..], c => Assert.InRange(c, 1200 - 160, 1200 + 160));
    }
}
