using FedShield.Data;

namespace FedShield.Experiments.Adversarial;

/// <summary>Resolves a class given in the config by name or by index.</summary>
internal static class ClassReference
{
    /// <summary>The class index <paramref name="text"/> names in <paramref name="data"/>: an exact class name first, else an index.</summary>
    /// <exception cref="Running.ExperimentSetupException">No class has that name or index.</exception>
    public static int Resolve(string key, string text, Dataset data)
    {
        for (int i = 0; i < data.ClassCount; i++)
        {
            if (string.Equals(data.ClassNames[i], text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) && index < data.ClassCount)
        {
            return index;
        }

        throw new Running.ExperimentSetupException(
            $"{key}: '{text}' is neither a class of {data.Name} nor a class index below {data.ClassCount}; the classes are {string.Join(", ", data.ClassNames.Select(n => $"'{n}'"))}");
    }
}
