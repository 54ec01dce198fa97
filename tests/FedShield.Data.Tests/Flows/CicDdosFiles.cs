namespace FedShield.Data.Tests.Flows;

/// <summary>Writes small CICFlowMeter-style CSV files for the loader tests.</summary>
internal static class CicDdosFiles
{
    /// <summary>
    /// A cut-down CICFlowMeter header with CICFlowMeter's leading spaces: the key and identifier columns
    /// plus three features (Source Port, Flow Bytes/s, Flow Packets/s).
    /// </summary>
    public const string Header = "Unnamed: 0,Flow ID, Source IP, Source Port, Timestamp, Flow Bytes/s, Flow Packets/s, SimillarHTTP, Label";

    /// <summary>Writes <paramref name="lines"/> after <see cref="Header"/> to <paramref name="name"/> (may contain '/') under the folder.</summary>
    public static string Write(TempDirectory dir, string name, params string[] lines) => WriteRaw(dir, name, [Header, .. lines]);

    /// <summary>Writes <paramref name="lines"/> as they are.</summary>
    public static string WriteRaw(TempDirectory dir, string name, params string[] lines)
    {
        var path = dir.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>A data row: key (index, "f{index}", "t{index}"), IP, then the three features and the label.</summary>
    public static string Row(int index, string port, string bytesPerSecond, string packetsPerSecond, string label, string http = "0") =>
        $"{index},f{index},10.0.0.1,{port},t{index},{bytesPerSecond},{packetsPerSecond},{http},{label}";

    /// <summary>
    /// <paramref name="expected"/> (rows × columns, raw cleaned values) standardised per column with its
    /// own population mean and std (std 1 for a constant column), as float32.
    /// </summary>
    public static float[] Standardised(double[,] expected)
    {
        int n = expected.GetLength(0), width = expected.GetLength(1);
        var result = new float[n * width];
        for (int c = 0; c < width; c++)
        {
            double mean = 0;
            for (int r = 0; r < n; r++)
            {
                mean += expected[r, c] / n;
            }

            double variance = 0;
            for (int r = 0; r < n; r++)
            {
                variance += (expected[r, c] - mean) * (expected[r, c] - mean) / n;
            }

            double std = variance > 1e-24 ? Math.Sqrt(variance) : 1;
            for (int r = 0; r < n; r++)
            {
                result[(r * width) + c] = (float)((expected[r, c] - mean) / std);
            }
        }

        return result;
    }
}
