using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>
/// Applies its children in order, each to the previous one's output, as <c>torch.nn.Sequential</c>.
/// Children are named "0", "1", … unless names are given, so state names read <c>0.weight</c>,
/// <c>2.bias</c>, … exactly as in PyTorch.
/// </summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates the container with children named by their position.</summary>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        for (int i = 0; i < layers.Length; i++)
        {
            _layers.Add(RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i]));
        }
    }

    /// <summary>Creates the container with explicitly named children (names become state-name prefixes).</summary>
    public Sequential(IEnumerable<(string Name, Module Layer)> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var (name, layer) in layers)
        {
            _layers.Add(RegisterModule(name, layer));
        }
    }

    /// <summary>The number of children.</summary>
    public int Count => _layers.Count;

    /// <summary>The child at position <paramref name="index"/>.</summary>
    public Module this[int index] => _layers[index];

    /// <summary>Runs <paramref name="input"/> through every child in order.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <inheritdoc />
    public override string ToString() => $"Sequential({_layers.Count} layers)";
}
