using FedShield.Nn.Layers;
using FedShield.Tensors;

namespace FedShield.Nn.Tests;

/// <summary>A module that registers a child before its own parameter and buffer, to pin down the state order.</summary>
internal sealed class ChildFirstModule : Module
{
    public ChildFirstModule(Random random)
    {
        Inner = RegisterModule("inner", new Linear(2, 2, random));
        Scale = RegisterParameter("scale", 2);
        Count = RegisterBuffer("count", 1);
    }

    public Linear Inner { get; }

    public Parameter Scale { get; }

    public ModuleBuffer Count { get; }

    public override Tensor Forward(Tensor input) => Ops.Mul(Inner.Forward(input), Scale.Value);

    public void Register(string name, Module module) => RegisterModule(name, module);

    public void RegisterParameterNamed(string name) => RegisterParameter(name, 1);
}

/// <summary>A parameterless module that only records whether it is in training mode.</summary>
internal sealed class Identity : Module
{
    public override Tensor Forward(Tensor input) => input;
}
