namespace FedShield.Tensors.Tests;

public class TensorScopeTests
{
    [Fact]
    public void Scope_EndsAndTensorIsRead_ThrowsObjectDisposed()
    {
        Tensor inner;
        using (TensorScope.Begin())
        {
            inner = Ops.Add(Tensor.Ones(3), 1f);
            Assert.Equal(2f, inner.ToArray()[0]);
        }

        Assert.Throws<ObjectDisposedException>(() => inner.ToArray());
    }

    [Fact]
    public void Scope_RepeatedSteps_ReuseStorage()
    {
        var w = Tensor.Ones(64, 64);
        w.RequiresGrad = true;
        void Step()
        {
            using var scope = TensorScope.Begin();
            var y = Ops.Sum(Ops.Tanh(Ops.Mul(w, 0.5f)));
            y.Backward();
        }

        for (int i = 0; i < 5; i++)
        {
            Step();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            Step();
        }

        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;

        // The 64×64 float tensors (16 KB each) come from the pool; only small bookkeeping objects remain.
        Assert.True(perStep < 16 * 1024, $"a pooled step allocated {perStep} bytes");
        float expected = 15 * 0.5f * (1 - (MathF.Tanh(0.5f) * MathF.Tanh(0.5f)));
        Assert.Equal(expected, w.Grad![0, 0], 3);
    }

    [Fact]
    public void LeafGrad_CreatedInsideScope_OutlivesIt()
    {
        var x = Tensor.Ones(3);
        x.RequiresGrad = true;
        using (TensorScope.Begin())
        {
            Ops.Sum(Ops.Mul(x, 2f)).Backward();
        }

        Assert.Equal(new float[] { 2, 2, 2 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Scopes_DisposedOutOfOrder_Throw()
    {
        var outer = TensorScope.Begin();
        var inner = TensorScope.Begin();
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        inner.Dispose();
        outer.Dispose();
    }
}
