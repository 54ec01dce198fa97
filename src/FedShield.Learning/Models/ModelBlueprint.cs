using FedShield.Nn;

namespace FedShield.Learning.Models;

/// <summary>
/// A model resolved for a task: how to build it, what it outputs and what tensor shape it takes.
/// <see cref="ModelCatalog.Resolve"/> makes these from a <see cref="ModelSpec"/>; a custom model
/// (tests, extensions) can be described directly with the constructor.
/// </summary>
public sealed class ModelBlueprint
{
    private readonly Func<Random, Module> _factory;
    private readonly int[] _modelInputShape;

    /// <summary>Describes a model.</summary>
    /// <param name="name">A name for messages and reports (a catalog model's canonical spec).</param>
    /// <param name="input">The task the model is built for.</param>
    /// <param name="head">What it outputs: <see cref="ModelHead.Logits"/> gives (N, ClassCount), <see cref="ModelHead.SingleLogit"/> (N, 1) for a binary task.</param>
    /// <param name="modelInputShape">The per-sample shape of the tensor the model's Forward takes (for example (784) for an MLP on 1×28×28 images); it must hold the same number of values as a sample.</param>
    /// <param name="factory">Builds one materialised instance, drawing initial weights from the given source.</param>
    /// <exception cref="ArgumentException">The input shape holds a different number of values than a sample, or a single-logit head is given for a task without exactly 2 classes.</exception>
    public ModelBlueprint(string name, ModelInput input, ModelHead head, IReadOnlyList<int> modelInputShape, Func<Random, Module> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelInputShape);
        ArgumentNullException.ThrowIfNull(factory);
        if (!Enum.IsDefined(head))
        {
            throw new ArgumentOutOfRangeException(nameof(head), head, $"model '{name}': unknown head.");
        }

        if (modelInputShape.Count == 0 || modelInputShape.Any(d => d <= 0) || modelInputShape.Aggregate(1L, (a, b) => a * b) != input.SampleSize)
        {
            throw new ArgumentException($"model '{name}': input shape ({string.Join(", ", modelInputShape)}) must hold the {input.SampleSize} values of a sample {input.ShapeText}.", nameof(modelInputShape));
        }

        if (head == ModelHead.SingleLogit && input.ClassCount != 2)
        {
            throw new ArgumentException($"model '{name}': a single-logit head needs a binary task; this one has {input.ClassCount} classes.", nameof(head));
        }

        Name = name;
        Input = input;
        Head = head;
        _modelInputShape = [.. modelInputShape];
        _factory = factory;
    }

    /// <summary>The model's name (a catalog model's canonical spec, e.g. <c>mlp(hidden=[64])</c>).</summary>
    public string Name { get; }

    /// <summary>The task the model is built for.</summary>
    public ModelInput Input { get; }

    /// <summary>What the model outputs, hence which loss trains it.</summary>
    public ModelHead Head { get; }

    /// <summary>The per-sample shape of the tensors the model takes (batches are (N, …this)).</summary>
    public IReadOnlyList<int> ModelInputShape => _modelInputShape;

    /// <summary>Logits per sample: 1 for <see cref="ModelHead.SingleLogit"/>, else the class count.</summary>
    public int OutputCount => Head == ModelHead.SingleLogit ? 1 : Input.ClassCount;

    /// <summary>Builds one materialised instance with initial weights drawn from <paramref name="random"/>.</summary>
    /// <exception cref="InvalidOperationException">The factory returned a model that is not materialised.</exception>
    public Module Create(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var model = _factory(random) ?? throw new InvalidOperationException($"model '{Name}': the factory returned null.");
        if (!model.IsMaterialized)
        {
            throw new InvalidOperationException($"model '{Name}': the factory returned {model}, which is not materialised; call Materialize() on it.");
        }

        return model;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} for {Input}";
}
