using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests;

public class ParameterBufferTests
{
    private static Sequential TwoLayer(int seed = 3)
    {
        var rng = new Random(seed);
        var model = new Sequential(new Linear(2, 3, rng), new ReLU(), new Linear(3, 1, rng));
        model.Materialize();
        return model;
    }

    [Fact]
    public void Materialize_KeepsInitialValuesInStateOrder()
    {
        var rng = new Random(5);
        var a = new Linear(2, 3, rng);
        var b = new Linear(3, 1, rng);
        var expected = a.Weight.Value.ToArray().Concat(a.Bias!.Value.ToArray()).Concat(b.Weight.Value.ToArray()).Concat(b.Bias!.Value.ToArray()).ToArray();
        var model = new Sequential(a, b);
        model.Materialize();
        Assert.Equal(expected, model.ParameterBuffer.ToArray());
        Assert.Equal([0, 6, 9, 12], new[] { a.Weight.Offset, a.Bias.Offset, b.Weight.Offset, b.Bias.Offset });
    }

    [Fact]
    public void WriteToBuffer_ChangesParameterViews()
    {
        var model = TwoLayer();
        var first = (Linear)model[0];
        model.ParameterBuffer[0] = 42f;
        model.ParameterBuffer[7] = -3f;   // bias[1] of the first layer
        Assert.Equal(42f, first.Weight.Value[0, 0]);
        Assert.Equal(-3f, first.Bias!.Value[1]);
    }

    [Fact]
    public void WriteToParameterView_ChangesBuffer()
    {
        var model = TwoLayer();
        var last = (Linear)model[2];
        using (GradMode.NoGrad())
        {
            last.Weight.Value.FillInPlace(5f);
        }

        Assert.Equal([5f, 5f, 5f], model.ParameterBuffer.Slice(9, 3).ToArray());
    }

    [Fact]
    public void SetParameters_CopiesWholeVector_AndRejectsWrongLength()
    {
        var model = TwoLayer();
        var weights = Enumerable.Range(0, 13).Select(i => (float)i).ToArray();
        model.SetParameters(weights);
        Assert.Equal(weights, model.ParameterBuffer.ToArray());
        Assert.Equal(12f, ((Linear)model[2]).Bias!.Value.Item());
        var e = Assert.Throws<ArgumentException>(() => model.SetParameters(new float[12]));
        Assert.Contains("12 elements", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_GradientsLandInGradientBuffer()
    {
        var rng = new Random(2);
        var layer = new Linear(2, 2, rng);
        var model = new Sequential(layer);
        model.Materialize();
        model.SetParameters([1f, 2f, 3f, 4f, 0.5f, -0.5f]);
        var x = Tensor.FromArray([1f, 2f, 3f, -1f], 2, 2);

        // loss = Σ y; dL/dW[o, i] = Σ_n x[n, i]; dL/db[o] = N.
        model.Forward(x).Sum().Backward();
        Assert.Equal([4f, 1f, 4f, 1f, 2f, 2f], model.GradientBuffer.ToArray());
        Assert.Same(layer.Weight.Grad, layer.Weight.Value.Grad);

        // A second backward accumulates in place.
        model.Forward(x).Sum().Backward();
        Assert.Equal([8f, 2f, 8f, 2f, 4f, 4f], model.GradientBuffer.ToArray());
    }

    [Fact]
    public void ZeroGrad_ClearsBufferAndReattachesReplacedGradients()
    {
        var model = TwoLayer();
        var first = (Linear)model[0];
        model.Forward(Tensor.Ones(4, 2)).Sum().Backward();
        Assert.Contains(model.GradientBuffer.ToArray(), g => g != 0f);
        first.Weight.Value.ZeroGrad(setToNull: true);   // detach one gradient from the buffer
        model.ZeroGrad();
        Assert.All(model.GradientBuffer.ToArray(), g => Assert.Equal(0f, g));
        model.Forward(Tensor.Ones(4, 2)).Sum().Backward();
        Assert.Contains(model.GradientBuffer[..6].ToArray(), g => g != 0f);
    }

    [Fact]
    public void ChildBuffers_AreSlicesOfTheRootBuffers()
    {
        var model = TwoLayer();
        var last = (Linear)model[2];
        Assert.Equal(4, last.ParameterBuffer.Length);
        last.ParameterBuffer[3] = 9f;
        Assert.Equal(9f, model.ParameterBuffer[12]);
        last.GradientBuffer[0] = 1f;
        Assert.Equal(1f, model.GradientBuffer[9]);
    }

    [Fact]
    public void BufferValues_HoldRunningStatistics()
    {
        var rng = new Random(1);
        var bn = new BatchNorm1d(2);
        var model = new Sequential(new Linear(2, 2, rng), bn);
        model.Materialize();
        Assert.Equal([0f, 0f, 1f, 1f], model.BufferValues.ToArray());
        model.BufferValues[1] = 7f;
        Assert.Equal(7f, bn.RunningMean!.Value[1]);
        Assert.Equal(0, bn.RunningMean.Offset);
        Assert.Equal(2, bn.RunningVar!.Offset);
    }

    [Fact]
    public void StateEntry_Values_AreLiveViews()
    {
        var model = TwoLayer();
        var entry = model.StateEntries().Single(e => e.Name == "2.bias");
        model.ParameterBuffer[12] = 3.5f;
        Assert.Equal(3.5f, entry.Value.Item());
    }
}
