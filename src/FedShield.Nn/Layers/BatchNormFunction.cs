using FedShield.Tensors;

namespace FedShield.Nn.Layers;

/// <summary>The computation shared by <see cref="BatchNorm"/> (BatchNorm1d, BatchNorm2d), composed from differentiable operations.</summary>
internal static class BatchNormFunction
{
    public static void InitialiseState(Parameter? weight, ModuleBuffer? runningVar)
    {
        weight?.Value.Span.Fill(1f);
        runningVar?.Value.Span.Fill(1f);
    }

    // x: (N, C, *) → (N, C, *). In training (or without running statistics) each channel is
    // normalised by its batch mean and biased variance; running statistics are updated with the
    // unbiased variance, as PyTorch does.
    public static Tensor Forward(
        Module layer, Tensor input, int channels, Parameter? weight, Parameter? bias,
        ModuleBuffer? runningMean, ModuleBuffer? runningVar, bool training, double momentum, double eps)
    {
        int rank = input.Rank;
        var axes = new int[rank - 1];
        var statShape = new int[rank];
        axes[0] = 0;
        for (int i = 2; i < rank; i++)
        {
            axes[i - 1] = i;
        }

        statShape.AsSpan().Fill(1);
        statShape[1] = channels;
        Tensor normalised;
        if (training || runningMean is null || runningVar is null)
        {
            long perChannel = input.Count / Math.Max(channels, 1);
            if (training && perChannel <= 1)
            {
                throw new ArgumentException($"{layer} given input {ShapeText.Format(input.Shape)}: training needs more than one value per channel to estimate a variance.", nameof(input));
            }

            var mean = Ops.Mean(input, axes, keepDim: true);
            var centred = Ops.Sub(input, mean);
            var variance = Ops.Mean(Ops.Mul(centred, centred), axes, keepDim: true);
            if (training && runningMean is not null && runningVar is not null)
            {
                using var noGrad = GradMode.NoGrad();
                float m = (float)momentum;
                runningMean.Value.MulInPlace(1f - m);
                runningMean.Value.AddInPlace(Ops.Reshape(mean.Detach(), channels), m);
                runningVar.Value.MulInPlace(1f - m);
                runningVar.Value.AddInPlace(Ops.Reshape(variance.Detach(), channels), (float)(momentum * perChannel / (perChannel - 1)));
            }

            normalised = Ops.Div(centred, Ops.Sqrt(Ops.Add(variance, (float)eps)));
        }
        else
        {
            var mean = Ops.Reshape(runningMean.Value, statShape);
            var std = Ops.Sqrt(Ops.Add(Ops.Reshape(runningVar.Value, statShape), (float)eps));
            normalised = Ops.Div(Ops.Sub(input, mean), std);
        }

        if (weight is not null)
        {
            normalised = Ops.Mul(normalised, Ops.Reshape(weight.Value, statShape));
        }

        if (bias is not null)
        {
            normalised = Ops.Add(normalised, Ops.Reshape(bias.Value, statShape));
        }

        return normalised;
    }
}
