using FedShield.Nn.Losses;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.Losses;

public class MseLossTests
{
    private static Tensor Input() => Tensor.FromArray([1f, 2f, 3f], 3);

    private static Tensor Target() => Tensor.FromArray([1f, 0f, 5f], 3);

    [Fact]
    public void Forward_Reductions()
    {
        Expect.Close(8 / 3.0, new MseLoss().Forward(Input(), Target()));
        Expect.Close(8, new MseLoss(Reduction.Sum).Forward(Input(), Target()));
        Expect.Close([0, 4, 4], new MseLoss(Reduction.None).Forward(Input(), Target()));
    }

    [Fact]
    public void Backward_Mean_IsTwiceDifferenceOverN()
    {
        var x = Input();
        x.RequiresGrad = true;
        new MseLoss().Forward(x, Target()).Backward();
        Expect.Close([0, 4 / 3.0, -4 / 3.0], x.Grad!);
    }

    [Fact]
    public void Forward_ShapeMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => new MseLoss().Forward(Tensor.Zeros(3), Tensor.Zeros(3, 1)));
}
