using FedShield.Tensors.Autograd;

namespace FedShield.Tensors.Tests;

public class AutogradTests
{
    [Fact]
    public void Backward_Scalar_AccumulatesIntoLeafGrad()
    {
        var x = Tensor.FromArray([1, 2, 3], 3);
        x.RequiresGrad = true;
        Ops.Sum(Ops.Mul(x, x)).Backward();
        Assert.Equal(new float[] { 2, 4, 6 }, x.Grad!.ToArray());
        Ops.Sum(x).Backward();
        Assert.Equal(new float[] { 3, 5, 7 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_PresetGradBuffer_AccumulatesInPlace()
    {
        var buffer = new float[5];
        var x = Tensor.FromArray([1, 2], 2);
        x.RequiresGrad = true;
        x.Grad = Tensor.Wrap(buffer, 2, 2);
        Ops.Sum(Ops.Mul(x, 3f)).Backward();
        Assert.Equal(new float[] { 0, 0, 3, 3, 0 }, buffer);
    }

    [Fact]
    public void Backward_NonScalarWithoutGradient_Throws()
    {
        var x = Tensor.Ones(2);
        x.RequiresGrad = true;
        Assert.Throws<InvalidOperationException>(() => Ops.Mul(x, 2f).Backward());
    }

    [Fact]
    public void Grad_SecondDerivative_OfCubic()
    {
        // y = x³: dy/dx = 3x², d²y/dx² = 6x
        var x = Tensor.FromArray([2f], 1);
        x.RequiresGrad = true;
        var y = Ops.Sum(Ops.Pow(x, 3f));
        var g = Autograd.Autograd.Grad(y, [x], createGraph: true)[0];
        Assert.Equal(12f, g.Item(), 4);
        var h = Autograd.Autograd.Grad(Ops.Sum(g), [x])[0];
        Assert.Equal(12f, h.Item(), 4);
    }

    [Fact]
    public void Grad_DoesNotTouchLeafGrad()
    {
        var x = Tensor.FromArray([1f, 2f], 2);
        x.RequiresGrad = true;
        var g = Autograd.Autograd.Grad(Ops.Sum(Ops.Exp(x)), [x])[0];
        Assert.Null(x.Grad);
        Assert.Equal(MathF.E, g.ToArray()[0], 4);
    }

    [Fact]
    public void Grad_UnusedInput_ThrowsUnlessAllowed()
    {
        var x = Tensor.Ones(2);
        var z = Tensor.Ones(2);
        x.RequiresGrad = true;
        z.RequiresGrad = true;
        var y = Ops.Sum(x);
        Assert.Throws<InvalidOperationException>(() => Autograd.Autograd.Grad(y, [x, z]));
        var grads = Autograd.Autograd.Grad(y, [x, z], allowUnused: true);
        Assert.Equal(new float[] { 0, 0 }, grads[1].ToArray());
    }

    [Fact]
    public void NoGrad_DoesNotRecord()
    {
        var x = Tensor.Ones(2);
        x.RequiresGrad = true;
        Tensor y;
        using (GradMode.NoGrad())
        {
            y = Ops.Mul(x, 2f);
        }

        Assert.False(y.RequiresGrad);
        Assert.Null(y.GradFn);
        Assert.True(GradMode.IsEnabled);
    }

    [Fact]
    public void InPlace_OnTensorRequiringGradWhileRecording_Throws()
    {
        var x = Tensor.Ones(2);
        x.RequiresGrad = true;
        Assert.Throws<InvalidOperationException>(() => x.MulInPlace(2f));
        using (GradMode.NoGrad())
        {
            x.MulInPlace(2f);
        }

        Assert.Equal(new float[] { 2, 2 }, x.ToArray());
    }

    [Fact]
    public void Grad_WithRespectToIntermediate_Works()
    {
        var x = Tensor.FromArray([1f, 2f], 2);
        x.RequiresGrad = true;
        var h = Ops.Mul(x, 3f);
        var y = Ops.Sum(Ops.Mul(h, h));
        var gh = Autograd.Autograd.Grad(y, [h])[0];
        Assert.Equal(new float[] { 6, 12 }, gh.ToArray());
    }

    [Fact]
    public void DeepChain_DoesNotOverflowTheStack()
    {
        var x = Tensor.FromArray([1f], 1);
        x.RequiresGrad = true;
        var y = x;
        for (int i = 0; i < 20000; i++)
        {
            y = Ops.Add(y, 0f);
        }

        Ops.Sum(y).Backward();
        Assert.Equal(1f, x.Grad!.Item());
    }
}
