using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FedShield.Experiments.Config.Yaml;

/// <summary>Reads one YAML document into a <see cref="TreeNode"/> tree with positions, using YamlDotNet's parser events.</summary>
internal static class TreeReader
{
    /// <summary>Configuration files are shallow; a deeper document is a mistake (or an attack on the stack).</summary>
    private const int MaxDepth = 32;

    private static readonly string StringTag = "tag:yaml.org,2002:str";

    /// <summary>
    /// The document's root node; null with a null <paramref name="problem"/> when the text holds no
    /// document (empty or only comments); null with a problem when it is not well-formed YAML or holds
    /// more than one document.
    /// </summary>
    public static TreeNode? Read(string text, out SyntaxProblem? problem)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, TreeNode>(StringComparer.Ordinal);
        problem = null;
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, anchors, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                problem = new SyntaxProblem((int)second.Start.Line, (int)second.Start.Column, "expected one YAML document, found a second one here");
                return null;
            }

            parser.Consume<StreamEnd>();
            return root;
        }
        catch (YamlException ex)
        {
            problem = new SyntaxProblem(Math.Max(1, (int)ex.Start.Line), Math.Max(1, (int)ex.Start.Column), ex.Message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (instead of a YamlException) on some malformed flow collections.
            var mark = parser.Current?.End;
            problem = new SyntaxProblem(Math.Max(1, (int)(mark?.Line ?? 1)), Math.Max(1, (int)(mark?.Column ?? 1)), "malformed YAML after this point");
            return null;
        }
    }

    private static TreeNode ReadNode(IParser parser, Dictionary<string, TreeNode> anchors, int depth)
    {
        var start = parser.Current?.Start ?? Mark.Empty;
        if (depth > MaxDepth)
        {
            throw new YamlException(start, start, $"nesting deeper than {MaxDepth} levels");
        }

        TreeNode node;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            bool quoted = scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag);
            node = new TreeScalar(scalar.Value, quoted, (int)scalar.Start.Line, (int)scalar.Start.Column);
            anchor = scalar.Anchor;
        }
        else if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<KeyValuePair<TreeNode, TreeNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors, depth + 1);
                var value = ReadNode(parser, anchors, depth + 1);
                entries.Add(new KeyValuePair<TreeNode, TreeNode>(key, value));
            }

            node = new TreeMapping(entries, (int)mappingStart.Start.Line, (int)mappingStart.Start.Column);
            anchor = mappingStart.Anchor;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<TreeNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, anchors, depth + 1));
            }

            node = new TreeSequence(items, (int)sequenceStart.Start.Line, (int)sequenceStart.Start.Column);
            anchor = sequenceStart.Anchor;
        }
        else if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"unknown alias *{alias.Value.Value}");
        }
        else
        {
            throw new YamlException(start, start, $"unexpected {parser.Current?.GetType().Name ?? "end of input"}");
        }

        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }

        return node;
    }
}
