using FedShield.Nn.Layers;
using FedShield.Nn.Models;

namespace FedShield.Nn.Tests;

public class ModuleTests
{
    [Fact]
    public void ParameterCount_MnistCnn_Is21840()
    {
        var model = new MnistCnn(new Random(1));
        Assert.Equal(21_840, model.ParameterCount);
        Assert.Equal(21_840, model.ParameterBuffer.Length);
        Assert.Equal(21_840, model.GradientBuffer.Length);
    }

    [Fact]
    public void ParameterCount_AdultMlp_Is5137WithDefaultInputs()
    {
        Assert.Equal((105 * 48) + 48 + 48 + 1, new AdultMlp(new Random(1)).ParameterCount);
        Assert.Equal((20 * 48) + 48 + 48 + 1, new AdultMlp(new Random(1), inputCount: 20).ParameterCount);
    }

    [Fact]
    public void StateEntries_MnistCnn_HaveTorchNamesShapesAndOrder()
    {
        var state = new MnistCnn(new Random(1)).StateEntries();
        Assert.Equal(
            ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"],
            state.Select(e => e.Name));
        Assert.Equal([10, 1, 5, 5], state[0].Shape.ToArray());
        Assert.Equal([20, 10, 5, 5], state[2].Shape.ToArray());
        Assert.Equal([50, 320], state[4].Shape.ToArray());
        Assert.Equal([10], state[7].Shape.ToArray());
        Assert.All(state, e => Assert.True(e.IsParameter));
    }

    [Fact]
    public void StateEntries_AdultMlp_HaveTorchNames()
    {
        var names = new AdultMlp(new Random(1)).StateEntries().Select(e => e.Name);
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], names);
    }

    [Fact]
    public void StateEntries_SequentialWithBatchNorm_ListBuffersAfterParametersPerModule()
    {
        var rng = new Random(1);
        var model = new Sequential(new Linear(3, 4, rng), new BatchNorm1d(4), new ReLU(), new Linear(4, 2, rng));
        var state = model.StateEntries();
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "3.weight", "3.bias"],
            state.Select(e => e.Name));
        Assert.Equal([true, true, true, true, false, false, true, true], state.Select(e => e.IsParameter));
    }

    [Fact]
    public void StateEntries_ChildRegisteredFirst_OwnStateStillComesFirst()
    {
        var names = new ChildFirstModule(new Random(1)).StateEntries().Select(e => e.Name);
        Assert.Equal(["scale", "count", "inner.weight", "inner.bias"], names);
    }

    [Fact]
    public void NamedParameters_ExcludeBuffers()
    {
        var names = new ChildFirstModule(new Random(1)).NamedParameters().Select(p => p.Name);
        Assert.Equal(["scale", "inner.weight", "inner.bias"], names);
    }

    [Fact]
    public void RegisterParameter_DuplicateName_Throws()
    {
        var m = new ChildFirstModule(new Random(1));
        var e = Assert.Throws<ArgumentException>(() => m.RegisterParameterNamed("scale"));
        Assert.Contains("'scale' is already registered", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterParameter_NameWithDot_Throws()
    {
        var m = new ChildFirstModule(new Random(1));
        Assert.Throws<ArgumentException>(() => m.RegisterParameterNamed("a.b"));
    }

    [Fact]
    public void RegisterModule_ChildWithAParent_Throws()
    {
        var rng = new Random(1);
        var shared = new Linear(2, 2, rng);
        _ = new Sequential(shared);
        var e = Assert.Throws<ArgumentException>(() => new Sequential(shared));
        Assert.Contains("registered only once", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterModule_Itself_ThrowsCycle()
    {
        var m = new ChildFirstModule(new Random(1));
        Assert.Throws<ArgumentException>(() => m.Register("self", m));
    }

    [Fact]
    public void RegisterModule_MaterializedChild_Throws()
    {
        var child = new Linear(2, 2, new Random(1));
        child.Materialize();
        Assert.Throws<InvalidOperationException>(() => new Sequential(child));
    }

    [Fact]
    public void Register_AfterMaterialize_ThrowsBecauseStructureIsFrozen()
    {
        var m = new ChildFirstModule(new Random(1));
        m.Materialize();
        var e = Assert.Throws<InvalidOperationException>(() => m.RegisterParameterNamed("late"));
        Assert.Contains("frozen", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => m.Register("late", new Identity()));
    }

    [Fact]
    public void Materialize_OnChild_Throws()
    {
        var rng = new Random(1);
        var inner = new Linear(2, 2, rng);
        _ = new Sequential(inner);
        var e = Assert.Throws<InvalidOperationException>(inner.Materialize);
        Assert.Contains("root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Materialize_Twice_KeepsTheSameBuffers()
    {
        var model = new Sequential(new Linear(2, 3, new Random(1)));
        model.Materialize();
        var first = model.ParameterMemory;
        var firstValue = ((Linear)model[0]).Weight.Value;
        model.Materialize();
        Assert.True(first.Span == model.ParameterMemory.Span);
        Assert.Same(firstValue, ((Linear)model[0]).Weight.Value);
    }

    [Fact]
    public void ParameterBuffer_BeforeMaterialize_ThrowsWithAdvice()
    {
        var model = new Sequential(new Linear(2, 3, new Random(1)));
        var e = Assert.Throws<InvalidOperationException>(() => model.ParameterBuffer.Length);
        Assert.Contains("Materialize()", e.Message, StringComparison.Ordinal);
        Assert.False(model.IsMaterialized);
    }

    [Fact]
    public void TrainEval_PropagateToAllDescendants()
    {
        var leaf = new Identity();
        var model = new Sequential(new Sequential(leaf), new Identity());
        Assert.True(leaf.IsTraining);
        model.Eval();
        Assert.False(model.IsTraining);
        Assert.False(leaf.IsTraining);
        model.Train();
        Assert.True(leaf.IsTraining);
    }

    [Fact]
    public void Children_ListNamesInRegistrationOrder()
    {
        var rng = new Random(1);
        var model = new Sequential([("encoder", (Module)new Linear(2, 2, rng)), ("act", new ReLU())]);
        Assert.Equal(["encoder", "act"], model.Children.Select(c => c.Name));
        Assert.Equal(["encoder.weight", "encoder.bias"], model.StateEntries().Select(e => e.Name));
    }
}
