using FedShield.Data.Flows;

namespace FedShield.Data.Tests.Flows;

public class FlowCleaningTests
{
    [Fact]
    public void ReplaceNonFinite_ExtremesComeFromTheFittedRowsOnly()
    {
        // Two columns; row 3 is a test row holding each column's most extreme finite values.
        float[] rows =
        [
            1f, -2f,
            float.PositiveInfinity, float.NegativeInfinity,
            float.NaN, 4f,
            50f, -70f,
        ];
        var (infinite, missing) = FlowCleaning.ReplaceNonFinite(rows, 2, [true, true, true, false]);
        Assert.Equal((2, 1), (infinite, missing));
        Assert.Equal([1f, -2f, 1f, -2f, 0f, 4f, 50f, -70f], rows);
    }

    [Fact]
    public void ReplaceNonFinite_ColumnWithoutFiniteTrainingValue_MapsInfinityToZero()
    {
        float[] rows = [float.PositiveInfinity, 3f];
        FlowCleaning.ReplaceNonFinite(rows, 1, [true, false]);
        Assert.Equal([0f, 3f], rows);
    }
}
