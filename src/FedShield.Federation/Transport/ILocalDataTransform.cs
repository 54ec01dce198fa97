namespace FedShield.Federation.Transport;

/// <summary>
/// A change applied once to a client's local training samples before it trains: data augmentation,
/// or a data-poisoning attack injected by configuration (label flipping, a backdoor trigger). It
/// works on the flat layout the core uses: row-major features and one integer label per sample.
/// </summary>
public interface ILocalDataTransform
{
    /// <summary>A short name for reports ("label-flip 7->1", ...).</summary>
    string Name { get; }

    /// <summary>Changes the samples in place.</summary>
    /// <param name="features">The samples' features, <c>layout.Count × layout.SampleSize</c> values, row-major.</param>
    /// <param name="labels">The samples' labels, <c>layout.Count</c> class indices.</param>
    /// <param name="layout">The number of samples, the shape of one sample and the number of classes.</param>
    /// <param name="random">A stream seeded for this client, for transforms that choose samples at random.</param>
    void Apply(Span<float> features, Span<int> labels, LocalDataLayout layout, Random random);
}

/// <summary>The layout of the samples handed to an <see cref="ILocalDataTransform"/>.</summary>
/// <param name="Count">The number of samples.</param>
/// <param name="SampleShape">The shape of one sample (<c>[1, 28, 28]</c> for MNIST, <c>[105]</c> for a tabular row).</param>
/// <param name="ClassCount">The number of classes; labels lie in [0, ClassCount).</param>
public sealed record LocalDataLayout(int Count, IReadOnlyList<int> SampleShape, int ClassCount)
{
    /// <summary>The number of feature values per sample (the product of <see cref="SampleShape"/>).</summary>
    public int SampleSize => SampleShape.Aggregate(1, (a, b) => a * b);
}

/// <summary>A client that can train on a transformed copy of its local samples.</summary>
public interface ITransformableClient : IFederatedClient
{
    /// <summary>
    /// A client with the same id, model and settings whose training samples are a copy of this
    /// client's after <paramref name="transform"/>; this client and its data are left unchanged.
    /// Validation samples are not transformed.
    /// </summary>
    /// <param name="transform">The change to apply.</param>
    /// <param name="seed">Seeds the <see cref="Random"/> handed to the transform.</param>
    IFederatedClient WithLocalDataTransform(ILocalDataTransform transform, int seed);
}
