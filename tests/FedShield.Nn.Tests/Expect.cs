using FedShield.Tensors;

namespace FedShield.Nn.Tests;

/// <summary>Small assertion helpers for float tensors against hand-computed values.</summary>
internal static class Expect
{
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(expected[i] - actual[i]);
            Assert.True(err <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]:G9}, got {actual[i]:G9}");
        }
    }

    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-5) => Close(expected, actual.ToArray(), tolerance);

    public static void Close(double expected, Tensor scalar, double tolerance = 1e-5) => Close([expected], [scalar.Item()], tolerance);

    public static void Shape(int[] expected, Tensor actual) => Assert.Equal(expected, actual.Shape.ToArray());
}
