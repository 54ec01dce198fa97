namespace FedShield.Federation.Strategies;

internal static class ServerOptimizerChecks
{
    public static void SameLength(ReadOnlySpan<float> weights, ReadOnlySpan<float> delta)
    {
        if (weights.Length != delta.Length)
        {
            throw new ArgumentException($"the aggregated delta has {delta.Length} values but the model has {weights.Length}");
        }
    }
}
