using System.Globalization;

namespace FedShield.Data.Partitions;

/// <summary>
/// Builds a partitioner from command-line words: <c>iid</c>, <c>dirichlet</c>, <c>shards</c> or <c>quantity</c>
/// (case-insensitive) and the options that kind takes. An option the kind does not use is an error rather than
/// silently ignored, so that <c>--partition iid --alpha 0.1</c> cannot pass for a skewed run.
/// </summary>
public static class PartitionerFactory
{
    /// <summary>The kinds <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["iid", "dirichlet", "shards", "quantity"];

    /// <summary>Creates the partitioner named by <paramref name="kind"/>.</summary>
    /// <param name="kind"><c>iid</c> (optional <paramref name="fractions"/>), <c>dirichlet</c> (<paramref name="alpha"/> required, optional
    /// <paramref name="minSamplesPerClient"/>, default 1), <c>shards</c> (optional <paramref name="shardsPerClient"/>, default 2) or
    /// <c>quantity</c> (optional <paramref name="sigma"/>, default 1).</param>
    /// <param name="alpha">Dirichlet concentration.</param>
    /// <param name="shardsPerClient">Shards per client.</param>
    /// <param name="sigma">Log-normal σ of the client sizes.</param>
    /// <param name="minSamplesPerClient">Fewest samples per client under a Dirichlet split.</param>
    /// <param name="fractions">Client fractions of an IID split.</param>
    /// <exception cref="ArgumentException">The kind is unknown (the message lists the accepted kinds), a required option is missing,
    /// an option does not apply to the kind, or a value is out of range.</exception>
    public static IPartitioner Create(string kind, double? alpha = null, int? shardsPerClient = null, double? sigma = null, int? minSamplesPerClient = null, IReadOnlyList<double>? fractions = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        string word = kind.Trim().ToLowerInvariant();
        var given = new List<string>();
        if (alpha is not null)
        {
            given.Add("alpha");
        }

        if (shardsPerClient is not null)
        {
            given.Add("shards per client");
        }

        if (sigma is not null)
        {
            given.Add("sigma");
        }

        if (minSamplesPerClient is not null)
        {
            given.Add("min samples per client");
        }

        if (fractions is not null)
        {
            given.Add("fractions");
        }

        switch (word)
        {
            case "iid":
                RejectOthers(word, given, "fractions");
                return fractions is null ? new IidPartitioner() : new IidPartitioner(fractions);
            case "dirichlet":
                RejectOthers(word, given, "alpha", "min samples per client");
                return new DirichletPartitioner(
                    alpha ?? throw new ArgumentException("Partition kind 'dirichlet' needs alpha (e.g. 0.5; 0.1 is strongly skewed, 1000 nearly IID).", nameof(alpha)),
                    minSamplesPerClient ?? 1);
            case "shards":
                RejectOthers(word, given, "shards per client");
                return new ShardPartitioner(shardsPerClient ?? 2);
            case "quantity":
                RejectOthers(word, given, "sigma");
                return new QuantitySkewPartitioner(sigma ?? 1.0);
            default:
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Unknown partition kind '{kind}'; accepted kinds: {string.Join(", ", Kinds)}."), nameof(kind));
        }
    }

    private static void RejectOthers(string kind, List<string> given, params string[] accepted)
    {
        var extra = given.Where(g => !accepted.Contains(g)).ToList();
        if (extra.Count > 0)
        {
            string takes = accepted.Length == 0 ? "no options" : string.Join(" and ", accepted);
            throw new ArgumentException($"Partition kind '{kind}' does not use {string.Join(", ", extra)}; it takes {takes}.", nameof(kind));
        }
    }
}
