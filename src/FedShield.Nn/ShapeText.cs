using System.Text;

namespace FedShield.Nn;

/// <summary>Formats shapes for error messages the same way the engine does: (64, 300), (5,), ().</summary>
internal static class ShapeText
{
    public static string Format(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(shape[i]);
        }

        if (shape.Length == 1)
        {
            sb.Append(',');
        }

        return sb.Append(')').ToString();
    }

    public static int Count(ReadOnlySpan<int> shape, string what)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"{what}: shape {Format(shape)} has a negative extent.");
            }

            n *= d;
            if (n > int.MaxValue)
            {
                throw new ArgumentException($"{what}: shape {Format(shape)} has more than {int.MaxValue} elements.");
            }
        }

        return (int)n;
    }
}
