using FedShield.Tensors.Autograd;

namespace FedShield.Tensors;

public sealed partial class Tensor
{
    internal Tensor? PendingGrad;
    internal Tensor? CapturedGrad;
    internal bool CaptureGrad;
    internal int VisitEpoch;

    /// <summary>
    /// Back-propagates from this tensor into the <see cref="Grad"/> of every leaf that requires a
    /// gradient. A non-scalar tensor needs <paramref name="gradient"/> of its own shape.
    /// With <paramref name="createGraph"/> the backward pass is recorded (for higher-order gradients).
    /// </summary>
    public void Backward(Tensor? gradient = null, bool createGraph = false) =>
        Autograd.Autograd.Backward(this, gradient, createGraph);

    /// <summary>A tensor sharing this one's storage but cut from the graph (it requires no gradient).</summary>
    public Tensor Detach()
    {
        var t = new Tensor(Data, Offset, ShapeArray, StridesArray);
        TensorScope.Track(t);
        return t;
    }

    /// <summary>Clears the accumulated gradient (sets it to zero in place when it is a preset buffer view, else to null).</summary>
    public void ZeroGrad(bool setToNull = false)
    {
        if (setToNull)
        {
            Grad = null;
        }
        else
        {
            Grad?.FillInPlace(0f);
        }
    }

    // An operation records its node only when recording is on and an input requires a gradient.
    internal static bool ShouldRecord(Tensor a) => a.RequiresGrad && GradMode.IsEnabled;

    internal static bool ShouldRecord(Tensor a, Tensor b) => (a.RequiresGrad || b.RequiresGrad) && GradMode.IsEnabled;

    internal static bool ShouldRecord(Tensor a, Tensor b, Tensor c) => (a.RequiresGrad || b.RequiresGrad || c.RequiresGrad) && GradMode.IsEnabled;

    internal Tensor Record(GradNode node)
    {
        SetGradFn(node);
        return this;
    }
}
