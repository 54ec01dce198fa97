namespace FedShield.Experiments.Config;

/// <summary>
/// An experiment file (with its overrides) could not be turned into an <see cref="ExperimentConfig"/>.
/// <see cref="Errors"/> holds every problem found, not only the first; the message lists them all, one a line.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates an exception carrying the given problems.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is null.</exception>
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception with a message and no positioned errors.</summary>
    public ConfigException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a message and no positioned errors.</summary>
    public ConfigException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message, a cause and no positioned errors.</summary>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem found, in file order (file problems first, then overrides).</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "the experiment configuration is invalid",
            1 => $"invalid experiment configuration: {errors[0]}",
            _ => $"{errors.Count} errors in the experiment configuration:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", errors),
        };
    }
}
