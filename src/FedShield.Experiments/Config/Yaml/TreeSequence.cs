namespace FedShield.Experiments.Config.Yaml;

/// <summary>A sequence. No configuration key takes one; it is kept to say "got a sequence".</summary>
internal sealed class TreeSequence(IReadOnlyList<TreeNode> items, int line, int column) : TreeNode(line, column)
{
    public IReadOnlyList<TreeNode> Items { get; } = items;

    public override string Describe() => "a sequence";
}
