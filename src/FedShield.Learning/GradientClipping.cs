using System.Numerics.Tensors;

namespace FedShield.Learning;

/// <summary>Gradient clipping by total L2 norm, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
internal static class GradientClipping
{
    /// <summary>
    /// Scales <paramref name="gradient"/> by min(1, max / (‖g‖ + 10⁻⁶)) in place and returns the norm
    /// before scaling. The norm is summed in double precision, element by element, so it does not
    /// depend on the vector width.
    /// </summary>
    public static double ClipInPlace(Span<float> gradient, double maxNorm)
    {
        double sum = 0;
        foreach (float g in gradient)
        {
            sum += (double)g * g;
        }

        double norm = Math.Sqrt(sum);
        double scale = maxNorm / (norm + 1e-6);
        if (scale < 1)
        {
            TensorPrimitives.Multiply(gradient, (float)scale, gradient);
        }

        return norm;
    }
}
