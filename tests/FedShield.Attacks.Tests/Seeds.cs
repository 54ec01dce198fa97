namespace FedShield.Attacks.Tests;

/// <summary>The run seed the tests' federations share.</summary>
internal static class Seeds
{
    public const long Run = 20240607;
}
