namespace FedShield.Privacy.Ffl;

/// <summary>
/// Settings of fragmented federated learning (FFL, seeds/003, Protocol 1).
/// </summary>
public sealed record FflOptions
{
    /// <summary>Creates validated options.</summary>
    /// <param name="selectionFraction">C: the fraction of the candidate set selected each round (n = max(⌊C·|Sc|⌋, 2)).</param>
    /// <param name="alpha">α in sim = α·ds + (1 − α)·cs (the paper's default 0.2).</param>
    /// <param name="reputation">
    /// Run the reputation defence (adaptive selection, similarity, reputations, trust-weighted aggregation).
    /// Off, every participant is selected uniformly and trusted fully: FFL as a privacy protocol only.
    /// </param>
    /// <param name="layerSizes">Parameters per layer, in order, for the per-layer masks; null for one layer.</param>
    /// <param name="lastLayer">The last layer's coordinates, whose mixed gradients are compared by cosine similarity; null for all.</param>
    /// <param name="matchingSeed">Seed of the public board's random pairing (not a secret: the board is public).</param>
    /// <exception cref="ArgumentOutOfRangeException">C outside (0, 1], α outside [0, 1], or a layer size not positive.</exception>
    public FflOptions(double selectionFraction, double alpha = 0.2, bool reputation = true, IReadOnlyList<int>? layerSizes = null, Range? lastLayer = null, long matchingSeed = 0)
    {
        if (!(selectionFraction > 0 && selectionFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(selectionFraction), selectionFraction, "the selection fraction C must be in (0, 1]");
        }

        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in [0, 1]");
        }

        if (layerSizes is not null && (layerSizes.Count == 0 || layerSizes.Any(n => n <= 0)))
        {
            throw new ArgumentOutOfRangeException(nameof(layerSizes), "every layer needs a positive number of parameters");
        }

        SelectionFraction = selectionFraction;
        Alpha = alpha;
        Reputation = reputation;
        LayerSizes = layerSizes;
        LastLayer = lastLayer;
        MatchingSeed = matchingSeed;
    }

    /// <summary>C, the fraction of candidates selected each round.</summary>
    public double SelectionFraction { get; }

    /// <summary>α, the weight of the magnitude distance in the similarity.</summary>
    public double Alpha { get; }

    /// <summary>Whether the reputation defence runs.</summary>
    public bool Reputation { get; }

    /// <summary>Parameters per layer, or null for one mask over the whole update.</summary>
    public IReadOnlyList<int>? LayerSizes { get; }

    /// <summary>The last layer's coordinates, or null for the whole update.</summary>
    public Range? LastLayer { get; }

    /// <summary>Seed of the board's pairing.</summary>
    public long MatchingSeed { get; }

    /// <summary>The layers for a d-parameter update: <see cref="LayerSizes"/> if it covers d, else one layer.</summary>
    /// <exception cref="InvalidDataException">The layer sizes do not add up to d.</exception>
    internal IReadOnlyList<int> Layers(int dimension)
    {
        if (LayerSizes is null)
        {
            return [dimension];
        }

        var total = LayerSizes.Sum();
        return total == dimension
            ? LayerSizes
            : throw new InvalidDataException($"the FFL layer sizes add up to {total} parameters but the model has {dimension}");
    }
}
