using FedShield.Learning.Models;
using FedShield.Nn.Models;

namespace FedShield.Benchmarks;

/// <summary>
/// The shape of the update one FFL benchmark case exchanges: its per-tensor layer sizes (one random
/// mask per layer) and the coordinates of the output layer (whose mixed gradients the reputation
/// defence compares by cosine similarity).
/// </summary>
public sealed record FflBenchmarkModel
{
    /// <summary>Creates a validated model shape.</summary>
    /// <param name="name">The model's name, as reported (e.g. <c>adult-mlp</c>).</param>
    /// <param name="layerSizes">Parameters per tensor, in buffer order; d is their sum.</param>
    /// <param name="lastLayer">The output layer's coordinates, a non-empty range inside [0, d).</param>
    /// <exception cref="ArgumentException">The name is empty, a layer is not positive, or the last layer does not fit.</exception>
    public FflBenchmarkModel(string name, IReadOnlyList<int> layerSizes, Range lastLayer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count == 0 || layerSizes.Any(n => n <= 0))
        {
            throw new ArgumentException($"model '{name}': every layer needs a positive number of parameters", nameof(layerSizes));
        }

        var d = checked(layerSizes.Sum());
        var (start, length) = (0, 0);
        try
        {
            (start, length) = lastLayer.GetOffsetAndLength(d);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ArgumentException($"model '{name}': the last layer {lastLayer} lies outside the {d} parameters", nameof(lastLayer), ex);
        }

        if (length == 0)
        {
            throw new ArgumentException($"model '{name}': the last layer {lastLayer} is empty", nameof(lastLayer));
        }

        Name = name;
        LayerSizes = [.. layerSizes];
        LastLayer = start..(start + length);
        Parameters = d;
    }

    /// <summary>The models of Table V that FedShield has: <c>adult-mlp</c> and <c>mnist-cnn</c>.</summary>
    public static IReadOnlyList<string> CatalogNames { get; } = ["adult-mlp", "mnist-cnn"];

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>Parameters per tensor, in buffer order.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>The output layer's coordinates (absolute).</summary>
    public Range LastLayer { get; }

    /// <summary>d, the parameters of the whole model.</summary>
    public int Parameters { get; }

    /// <summary>Parameters of the output layer.</summary>
    public int LastLayerSize => LastLayer.End.Value - LastLayer.Start.Value;

    /// <summary>
    /// The shape of a model from FedShield's <see cref="ModelCatalog"/>, resolved for the task the FFL paper
    /// trains it on: <c>adult-mlp</c> for UCI Adult (105 features, 2 classes), <c>mnist-cnn</c> for MNIST
    /// (1×28×28, 10 classes). Layers and the output layer are found as the experiments find them
    /// (FederationSetup.LayerSizes and FederationSetup.OutputLayer): the tensors in buffer order, and
    /// the tensors of the module that owns the last parameter.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="CatalogNames"/>.</exception>
    public static FflBenchmarkModel FromCatalog(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var input = name switch
        {
            "adult-mlp" => new ModelInput([RoundBenchmarkOptions.AdultFeatureCount], 2),
            "mnist-cnn" => new ModelInput([1, MnistCnn.ImageSize, MnistCnn.ImageSize], MnistCnn.ClassCount),
            _ => throw new ArgumentException($"unknown FFL benchmark model '{name}'; expected one of {string.Join(", ", CatalogNames)}", nameof(name)),
        };
        var blueprint = ModelCatalog.Resolve(ModelSpec.Parse(name), input);
        var output = ModelLayout.OutputLayer(blueprint);
        var sizes = ModelLayout.TensorSizes(blueprint);
        var d = sizes?.Sum() ?? blueprint.Create(new Random(0)).ParameterBuffer.Length;
        return new FflBenchmarkModel(name, sizes ?? [d], output.Equals(Range.All) ? 0..d : output);
    }
}
