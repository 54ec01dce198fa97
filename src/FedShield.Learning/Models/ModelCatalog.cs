using FedShield.Nn;
using FedShield.Nn.Models;

namespace FedShield.Learning.Models;

/// <summary>
/// The models FedShield builds by name. <see cref="Resolve"/> checks a spec's name and parameters
/// and its compatibility with a task (sample shape, class count) and says what was expected;
/// <see cref="Create"/> builds an instance.
/// </summary>
/// <remarks>
/// Binary tasks with <c>adult-mlp</c> use one logit and binary cross-entropy
/// (<see cref="ModelHead.SingleLogit"/>); every other model outputs one logit per class and is
/// trained with cross-entropy (<see cref="ModelHead.Logits"/>). MLPs and logistic regression take
/// any sample shape, flattened.
/// </remarks>
public static class ModelCatalog
{
    private static readonly Entry[] Entries =
    [
        new(
            "mnist-cnn",
            "CNN for 1×28×28 images, 10 classes: two 5×5 conv layers (10, 20 channels) with max-pool, FC 50 → 10; 21,840 parameters (FedAvg/FFL/NISS MNIST model)",
            [],
            ResolveMnistCnn),
        new(
            "cnn-cifar",
            "CNN for 3×32×32 images: two 5×5 conv layers (channels=64) with 3×3/2 max-pool, FC 384 → 192 → classes; 1,756,426 parameters for 10 classes (NISS/FedAvg CIFAR-10 model)",
            ["channels"],
            ResolveCifarCnn),
        new(
            "adult-mlp",
            "MLP for binary tabular tasks: features → 48 → ReLU → 1 logit, binary cross-entropy (UCI Adult reference model; 5,137 parameters for 105 features)",
            [],
            ResolveAdultMlp),
        new(
            "mlp",
            "MLP on flattened samples: ReLU hidden layers (hidden=[64] by default, e.g. hidden=[128,64]), one logit per class",
            ["hidden"],
            ResolveMlp),
        new(
            "logistic",
            "multinomial logistic regression on flattened samples: one linear layer, one logit per class",
            [],
            ResolveLogistic),
    ];

    /// <summary>The default hidden widths of <c>mlp</c>: one layer of 64 units, as the NISS paper's MLP.</summary>
    public static IReadOnlyList<int> DefaultMlpHidden { get; } = [64];

    /// <summary>Every model name, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>A one-line description of the model <paramref name="name"/> (for listings and help).</summary>
    /// <exception cref="ArgumentException">No model has that name; the message lists the known ones.</exception>
    public static string Describe(string name) => Find(name).Description;

    /// <summary>The parameters the model <paramref name="name"/> accepts (empty when none).</summary>
    /// <exception cref="ArgumentException">No model has that name.</exception>
    public static IReadOnlyList<string> ParametersOf(string name) => Find(name).Parameters;

    /// <summary>
    /// Checks what can be checked without data: the name is known, every parameter is accepted by
    /// that model and holds a valid value. Use it to fail fast when a configuration is read.
    /// </summary>
    /// <exception cref="ArgumentException">The name or a parameter is unknown, or a value is invalid; the message says what is known or expected.</exception>
    public static void Validate(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var entry = CheckParameters(spec);

        // A task every model accepts in shape, so that only the parameters' values are checked.
        var anyShape = spec.Name switch
        {
            "mnist-cnn" => new ModelInput([1, 28, 28], 10),
            "cnn-cifar" => new ModelInput([3, 32, 32], 10),
            _ => new ModelInput([1], 2),
        };
        entry.Resolve(spec, anyShape);
    }

    /// <summary>Resolves <paramref name="spec"/> for a task: checks names, parameters and compatibility, and says how to build the model.</summary>
    /// <exception cref="ArgumentException">The name or a parameter is unknown, a value is invalid, or the model cannot take this task's samples or classes; the message says what was expected.</exception>
    public static ModelBlueprint Resolve(ModelSpec spec, ModelInput input)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(input);
        return CheckParameters(spec).Resolve(spec, input);
    }

    /// <summary>Builds the model <paramref name="spec"/> for <paramref name="input"/>, materialised, with initial weights drawn from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="Resolve"/>.</exception>
    public static Module Create(ModelSpec spec, ModelInput input, Random random) => Resolve(spec, input).Create(random);

    /// <summary>What <paramref name="spec"/> outputs for <paramref name="input"/>, which decides the loss.</summary>
    /// <exception cref="ArgumentException">As <see cref="Resolve"/>.</exception>
    public static ModelHead HeadOf(ModelSpec spec, ModelInput input) => Resolve(spec, input).Head;

    private static Entry Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.Find(Entries, e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown model '{name}'; known models: {string.Join(", ", Names)}.", nameof(name));
    }

    private static Entry CheckParameters(ModelSpec spec)
    {
        var entry = Find(spec.Name);
        foreach (var argument in spec.Arguments)
        {
            if (!entry.Parameters.Contains(argument.Key, StringComparer.OrdinalIgnoreCase))
            {
                string accepted = entry.Parameters.Count == 0 ? "it takes no parameters" : "accepted: " + string.Join(", ", entry.Parameters);
                throw new ArgumentException($"model '{spec}': unknown parameter '{argument.Key}'; {accepted}.", nameof(spec));
            }
        }

        return entry;
    }

    private static ModelBlueprint ResolveMnistCnn(ModelSpec spec, ModelInput input)
    {
        if (!input.HasShape(1, MnistCnn.ImageSize, MnistCnn.ImageSize) || input.ClassCount != MnistCnn.ClassCount)
        {
            throw Incompatible(spec, input, "samples (1, 28, 28) and 10 classes");
        }

        return new ModelBlueprint(spec.ToString(), input, ModelHead.Logits, input.SampleShape, r => new MnistCnn(r));
    }

    private static ModelBlueprint ResolveCifarCnn(ModelSpec spec, ModelInput input)
    {
        int channels = spec.Find("channels")?.AsInt32($"model '{spec}'", 1) ?? CifarCnn.DefaultChannels;
        if (!input.HasShape(CifarCnn.InputChannels, CifarCnn.ImageSize, CifarCnn.ImageSize))
        {
            throw Incompatible(spec, input, "samples (3, 32, 32)");
        }

        int classes = input.ClassCount;
        return new ModelBlueprint(spec.ToString(), input, ModelHead.Logits, input.SampleShape, r => new CifarCnn(r, classes, channels));
    }

    private static ModelBlueprint ResolveAdultMlp(ModelSpec spec, ModelInput input)
    {
        if (input.ClassCount != 2)
        {
            throw Incompatible(spec, input, "a binary task (2 classes; use mlp for more)");
        }

        int features = input.SampleSize;
        return new ModelBlueprint(spec.ToString(), input, ModelHead.SingleLogit, [features], r => new AdultMlp(r, features));
    }

    private static ModelBlueprint ResolveMlp(ModelSpec spec, ModelInput input)
    {
        var hidden = spec.Find("hidden")?.AsInt32List($"model '{spec}'", 1) ?? [.. DefaultMlpHidden];
        return FlatMlp(spec, input, hidden);
    }

    private static ModelBlueprint ResolveLogistic(ModelSpec spec, ModelInput input) => FlatMlp(spec, input, []);

    private static ModelBlueprint FlatMlp(ModelSpec spec, ModelInput input, int[] hidden)
    {
        int features = input.SampleSize;
        int classes = input.ClassCount;
        return new ModelBlueprint(spec.ToString(), input, ModelHead.Logits, [features], r => new Mlp(r, features, hidden, classes));
    }

    private static ArgumentException Incompatible(ModelSpec spec, ModelInput input, string expected) =>
        new($"model '{spec}' needs {expected}; the data has {input}.", nameof(input));

    private sealed record Entry(string Name, string Description, IReadOnlyList<string> Parameters, Func<ModelSpec, ModelInput, ModelBlueprint> Resolve);
}
