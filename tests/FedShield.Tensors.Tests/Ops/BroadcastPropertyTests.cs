using FsCheck;
using FsCheck.Fluent;

namespace FedShield.Tensors.Tests;

/// <summary>Invariants of broadcasting and views over generated shapes (FsCheck).</summary>
public class BroadcastPropertyTests
{
    // Shapes of rank 1..4 with extents 1..5, and a second shape that broadcasts with it: each of
    // its trailing axes is either the same extent or 1, and it may have fewer axes.
    private static Gen<(int[] A, int[] B, int Seed)> ShapePairs() =>
        from rank in Gen.Choose(1, 4)
        from dims in Gen.ArrayOf(Gen.Choose(1, 5), rank)
        from drop in Gen.Choose(0, rank - 1)
        from ones in Gen.ArrayOf(Gen.Elements(true, false), rank)
        from seed in Gen.Choose(0, 10_000)
        select (dims, dims.Skip(drop).Select((d, i) => ones[i + drop] ? 1 : d).ToArray(), seed);

    [Fact]
    public void Add_Broadcast_IsCommutativeAndMatchesExpandedOperands()
    {
        Prop.ForAll(ShapePairs().ToArbitrary(), p =>
        {
            var rng = new Random(p.Seed);
            var a = Tensor.Uniform(rng, -1, 1, p.A);
            var b = Tensor.Uniform(rng, -1, 1, p.B);
            var ab = Ops.Add(a, b).ToArray();
            var ba = Ops.Add(b, a).ToArray();
            var expanded = Ops.Add(a, Ops.BroadcastTo(b, p.A)).ToArray();
            return ab.SequenceEqual(ba) && ab.SequenceEqual(expanded);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void SumTo_OfExpand_MultipliesByTheRepeatCount()
    {
        Prop.ForAll(ShapePairs().ToArbitrary(), p =>
        {
            var b = Tensor.Uniform(new Random(p.Seed), -1, 1, p.B);
            var back = Ops.SumTo(Ops.BroadcastTo(b, p.A), p.B).ToArray();
            float factor = (float)ShapeUtil.Count(p.A) / b.Count;
            var expected = b.ToArray();
            return back.Zip(expected).All(t => Math.Abs(t.First - (t.Second * factor)) <= 1e-4f * Math.Max(1f, factor));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Permute_ThenInverse_RoundTrips()
    {
        var gen = from rank in Gen.Choose(1, 4)
                  from dims in Gen.ArrayOf(Gen.Choose(1, 4), rank)
                  from keys in Gen.ArrayOf(Gen.Choose(0, 1000), rank)
                  select (dims, Enumerable.Range(0, rank).OrderBy(i => keys[i]).ThenBy(i => i).ToArray());
        Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var x = Tensor.Uniform(new Random(1), -1, 1, p.Item1);
            var inverse = new int[p.Item2.Length];
            for (int i = 0; i < inverse.Length; i++)
            {
                inverse[p.Item2[i]] = i;
            }

            var back = Ops.Permute(Ops.Permute(x, p.Item2).Contiguous(), inverse);
            return back.ToArray().SequenceEqual(x.ToArray()) && back.Shape.SequenceEqual(x.Shape);
        }).QuickCheckThrowOnFailure();
    }
}
