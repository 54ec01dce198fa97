namespace FedShield.Experiments.Config;

/// <summary>How the training set is split among clients (YAML key <c>data.partition</c>).</summary>
public enum PartitionKind
{
    /// <summary><c>iid</c>: a uniform random split, every client seeing the same label distribution.</summary>
    Iid,

    /// <summary><c>dirichlet</c>: per-class client shares drawn from Dirichlet(<c>data.alpha</c>); small alpha is very skewed.</summary>
    Dirichlet,

    /// <summary><c>shards</c>: samples sorted by label, cut into shards, <c>data.shards_per_client</c> shards per client.</summary>
    Shards,

    /// <summary><c>quantity</c>: IID labels but log-normal client sizes with spread <c>data.sigma</c>.</summary>
    Quantity,
}
