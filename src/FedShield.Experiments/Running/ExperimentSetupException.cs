namespace FedShield.Experiments.Running;

/// <summary>
/// An experiment that passed the config file's validation but cannot be set up: an unknown model
/// or dataset, a model that does not fit the data, a run directory that already holds a run. The
/// message names the config key or path and what was expected.
/// </summary>
public sealed class ExperimentSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExperimentSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ExperimentSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ExperimentSetupException()
    {
    }
}
