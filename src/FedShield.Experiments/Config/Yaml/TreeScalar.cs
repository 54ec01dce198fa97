namespace FedShield.Experiments.Config.Yaml;

/// <summary>A scalar: its text, and whether it was quoted (and so is a string whatever it looks like).</summary>
internal sealed class TreeScalar(string text, bool quoted, int line, int column) : TreeNode(line, column)
{
    private const int ShownLength = 60;

    public string Text { get; } = text;

    /// <summary>Quoted, block or tagged !!str: YAML says it is a string, even "5" or "null".</summary>
    public bool IsQuoted { get; } = quoted;

    /// <summary>A plain null: empty, <c>~</c> or <c>null</c> in any of YAML 1.2's spellings.</summary>
    public bool IsNull => !IsQuoted && Text is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe()
    {
        if (IsNull)
        {
            return "null";
        }

        string shown = Text.Length > ShownLength ? Text[..ShownLength] + "..." : Text;
        return IsQuoted ? $"the string \"{shown}\"" : $"'{shown}'";
    }
}
