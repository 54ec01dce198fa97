namespace FedShield.Experiments.Config.Yaml;

/// <summary>A mapping, its entries in document order, duplicates kept (the loader reports them).</summary>
internal sealed class TreeMapping(IReadOnlyList<KeyValuePair<TreeNode, TreeNode>> entries, int line, int column) : TreeNode(line, column)
{
    public IReadOnlyList<KeyValuePair<TreeNode, TreeNode>> Entries { get; } = entries;

    public override string Describe() => "a mapping";
}
