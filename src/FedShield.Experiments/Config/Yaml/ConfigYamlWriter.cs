using System.Globalization;
using FedShield.Experiments.Config.Schema;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FedShield.Experiments.Config.Yaml;

/// <summary>Writes a resolved config as block YAML: every key, in <see cref="ConfigKeys.All"/> order, "\n" line ends.</summary>
internal static class ConfigYamlWriter
{
    public static string Write(ExperimentConfig config, bool includeRunPlacement)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024, newLine: "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
        string section = "";
        foreach (var key in ConfigKeys.All)
        {
            if (!includeRunPlacement && ConfigKeys.RunPlacement.Contains(key))
            {
                continue;
            }

            // The hash form leaves out later keys at their defaults (ConfigKeys.HashedWhenSet).
            if (!includeRunPlacement && ConfigKeys.HashedWhenSet.Contains(key) && Equals(key.Get(config), key.Default))
            {
                continue;
            }

            if (key.Section != section)
            {
                if (section.Length > 0)
                {
                    emitter.Emit(new MappingEnd());
                }

                section = key.Section;
                if (section.Length > 0)
                {
                    emitter.Emit(Plain(section));
                    emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
                }
            }

            emitter.Emit(Plain(key.Name));
            emitter.Emit(ValueScalar(key.Get(config)));
        }

        if (section.Length > 0)
        {
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static Scalar ValueScalar(object? value) => value switch
    {
        null => Plain("null"),
        bool flag => Plain(flag ? "true" : "false"),
        int integer => Plain(integer.ToString(CultureInfo.InvariantCulture)),
        long integer => Plain(integer.ToString(CultureInfo.InvariantCulture)),
        double number => Plain(FormatNumber(number)),
        string text => new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarSyntax.NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true),
        _ => throw new InvalidOperationException($"cannot write a {value.GetType().Name}"),
    };

    /// <summary>Shortest round-trip form, always with a '.' or exponent so it reads as a float: 1.0, 0.01, 1E-05.</summary>
    private static string FormatNumber(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static Scalar Plain(string text) => new(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false);
}
