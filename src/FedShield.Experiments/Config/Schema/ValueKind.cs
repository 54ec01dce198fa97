namespace FedShield.Experiments.Config.Schema;

/// <summary>The type of a configuration key's value.</summary>
internal enum ValueKind
{
    /// <summary>A 32-bit integer.</summary>
    Integer,

    /// <summary>A 64-bit integer (the seed).</summary>
    Long,

    /// <summary>A finite double.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Free text (a path, a model spec, a dataset name).</summary>
    Text,

    /// <summary>Text usable as part of a directory name.</summary>
    Name,

    /// <summary>One of a fixed set of lowercase words.</summary>
    Choice,
}
