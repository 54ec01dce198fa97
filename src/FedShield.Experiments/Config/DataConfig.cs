using FedShield.Experiments.Config.Schema;

namespace FedShield.Experiments.Config;

/// <summary>The <c>data</c> section: which dataset, how it is split among clients and how much of it is used.</summary>
public sealed record DataConfig
{
    /// <summary>Creates and validates the data settings; every argument but the dataset has the YAML default.</summary>
    /// <param name="dataset">Catalog name of the dataset (<c>data.dataset</c>); checked against the catalog by the runner.</param>
    /// <param name="directory">Where the dataset's files are (<c>data.dir</c>), or null for the catalog's default location.</param>
    /// <param name="partition">How the training set is split among clients (<c>data.partition</c>).</param>
    /// <param name="alpha">Dirichlet concentration, &gt; 0 (<c>data.alpha</c>); used by <see cref="PartitionKind.Dirichlet"/>.</param>
    /// <param name="shardsPerClient">Shards per client, &gt;= 1 (<c>data.shards_per_client</c>); used by <see cref="PartitionKind.Shards"/>.</param>
    /// <param name="sigma">Log-normal spread of client sizes, &gt;= 0 (<c>data.sigma</c>); used by <see cref="PartitionKind.Quantity"/>.</param>
    /// <param name="validationFraction">Fraction of each client's data held out for validation, in [0, 1) (<c>data.validation</c>).</param>
    /// <param name="maxTrainSamples">Use only the first N training samples, 0 for all (<c>data.max_train_samples</c>).</param>
    /// <param name="maxTestSamples">Use only the first N test samples, 0 for all (<c>data.max_test_samples</c>).</param>
    /// <exception cref="ArgumentException">An argument is outside its range; the message names the YAML key.</exception>
    public DataConfig(
        string dataset,
        string? directory = null,
        PartitionKind partition = ConfigDefaults.Partition,
        double alpha = ConfigDefaults.Alpha,
        int shardsPerClient = ConfigDefaults.ShardsPerClient,
        double sigma = ConfigDefaults.Sigma,
        double validationFraction = ConfigDefaults.Validation,
        int maxTrainSamples = ConfigDefaults.MaxTrainSamples,
        int maxTestSamples = ConfigDefaults.MaxTestSamples)
    {
        ConfigKeys.DataDataset.CheckText(dataset, nameof(dataset));
        ConfigKeys.DataDir.CheckText(directory, nameof(directory));
        ConfigTokens.ToToken(partition);
        ConfigKeys.DataAlpha.Check(alpha, nameof(alpha));
        ConfigKeys.DataShardsPerClient.Check(shardsPerClient, nameof(shardsPerClient));
        ConfigKeys.DataSigma.Check(sigma, nameof(sigma));
        ConfigKeys.DataValidation.Check(validationFraction, nameof(validationFraction));
        ConfigKeys.DataMaxTrainSamples.Check(maxTrainSamples, nameof(maxTrainSamples));
        ConfigKeys.DataMaxTestSamples.Check(maxTestSamples, nameof(maxTestSamples));
        Dataset = dataset;
        Directory = directory;
        Partition = partition;
        Alpha = alpha;
        ShardsPerClient = shardsPerClient;
        Sigma = sigma;
        ValidationFraction = validationFraction;
        MaxTrainSamples = maxTrainSamples;
        MaxTestSamples = maxTestSamples;
    }

    /// <summary>Catalog name of the dataset (<c>data.dataset</c>).</summary>
    public string Dataset { get; }

    /// <summary>Where the dataset's files are (<c>data.dir</c>), as written (not resolved); null for the default location.</summary>
    public string? Directory { get; }

    /// <summary>How the training set is split among clients (<c>data.partition</c>).</summary>
    public PartitionKind Partition { get; }

    /// <summary>Dirichlet concentration, &gt; 0 (<c>data.alpha</c>).</summary>
    public double Alpha { get; }

    /// <summary>Shards per client, &gt;= 1 (<c>data.shards_per_client</c>).</summary>
    public int ShardsPerClient { get; }

    /// <summary>Log-normal spread of client sizes, &gt;= 0 (<c>data.sigma</c>).</summary>
    public double Sigma { get; }

    /// <summary>Fraction of each client's data held out for validation, in [0, 1) (<c>data.validation</c>).</summary>
    public double ValidationFraction { get; }

    /// <summary>Only the first N training samples are used; 0 means all (<c>data.max_train_samples</c>).</summary>
    public int MaxTrainSamples { get; }

    /// <summary>Only the first N test samples are used; 0 means all (<c>data.max_test_samples</c>).</summary>
    public int MaxTestSamples { get; }
}
