using FedShield.Tensors.Kernels;

namespace FedShield.Tensors.Tests;

public class PoolKernelTests
{
    [Theory]
    [InlineData(3, 10, 38)]
    [InlineData(2, 24, 24)]
    [InlineData(2, 8, 8)]
    [InlineData(1, 7, 9)]
    [InlineData(1, 2, 2)]
    [InlineData(2, 5, 19)]
    public void MaxPool2d_TwoByTwoWithTiesAndNaN_MatchesSequentialScan(int planes, int h, int w)
    {
        // Few distinct values make ties common; scattered NaNs must win (the last one in scan order).
        var rng = new Random(h * w);
        var x = new float[planes * h * w];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = rng.Next(10) == 0 ? float.NaN : rng.Next(3);
        }

        var g = new ConvGeometry(1, h, w, 2, 2, 2, 0);
        int outputs = planes * g.OH * g.OW;
        var expected = new float[outputs];
        var expectedIndex = new int[outputs];
        ConvReference.MaxPool2d(x, planes, g, expected, expectedIndex);
        var actual = new float[outputs + 3];
        var actualIndex = new int[outputs + 3];
        Array.Fill(actual, -7f);
        Array.Fill(actualIndex, -7);
        PoolKernels.MaxPool2d(x, planes, g, actual, actualIndex);
        Assert.Equal(expected, actual[..outputs]);
        Assert.Equal(expectedIndex, actualIndex[..outputs]);
        Assert.Equal([-7f, -7f, -7f], actual[outputs..]);
        Assert.Equal([-7, -7, -7], actualIndex[outputs..]);
    }

    [Theory]
    [InlineData(3, 2, 1)]
    [InlineData(3, 1, 0)]
    [InlineData(2, 1, 1)]
    public void MaxPool2d_GeneralWindowsWithTies_MatchesSequentialScan(int kernel, int stride, int padding)
    {
        var rng = new Random(kernel * 10 + stride);
        var x = new float[2 * 9 * 11];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = rng.Next(12) == 0 ? float.NaN : rng.Next(3);
        }

        var g = new ConvGeometry(1, 9, 11, kernel, kernel, stride, padding);
        int outputs = 2 * g.OH * g.OW;
        var expected = new float[outputs];
        var expectedIndex = new int[outputs];
        ConvReference.MaxPool2d(x, 2, g, expected, expectedIndex);
        var actual = new float[outputs];
        var actualIndex = new int[outputs];
        PoolKernels.MaxPool2d(x, 2, g, actual, actualIndex);
        Assert.Equal(expected, actual);
        Assert.Equal(expectedIndex, actualIndex);
    }
}
