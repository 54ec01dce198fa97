namespace FedShield.Experiments.Config.Yaml;

/// <summary>
/// A YAML node with its 1-based position. The loader builds its own small tree (rather than YamlDotNet's
/// <c>YamlMappingNode</c>) because that one refuses duplicate keys by throwing, which would stop the
/// loader from reporting every problem at once.
/// </summary>
internal abstract class TreeNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>How a message shows the node after "got": 'abc', null, the string "5", a mapping.</summary>
    public abstract string Describe();
}
