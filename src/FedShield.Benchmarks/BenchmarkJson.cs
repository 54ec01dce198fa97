using System.Text;
using System.Text.Json;

namespace FedShield.Benchmarks;

/// <summary>The JSON shape every benchmark report shares: <c>{"cases": [ {...}, ... ]}</c>, indented, UTF-8.</summary>
internal static class BenchmarkJson
{
    /// <summary>Writes one object per case with <paramref name="write"/> inside the <c>cases</c> array.</summary>
    public static string Cases<T>(IEnumerable<T> cases, Action<Utf8JsonWriter, T> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("cases");
            foreach (var c in cases)
            {
                w.WriteStartObject();
                write(w, c);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
