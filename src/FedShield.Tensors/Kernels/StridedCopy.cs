namespace FedShield.Tensors.Kernels;

/// <summary>Copies between strided layouts and contiguous row-major buffers.</summary>
internal static class StridedCopy
{
    /// <summary>Reads the elements of a strided view in row-major order into <paramref name="destination"/>.</summary>
    public static void Gather(float[] source, int offset, int[] shape, int[] strides, Span<float> destination)
    {
        int rank = shape.Length;
        int count = ShapeUtil.Count(shape);
        if (count == 0)
        {
            return;
        }

        if (rank == 0)
        {
            destination[0] = source[offset];
            return;
        }

        Span<int> index = stackalloc int[rank];
        int inner = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int written = 0;
        int baseOffset = offset;
        while (written < count)
        {
            if (innerStride == 1)
            {
                source.AsSpan(baseOffset, inner).CopyTo(destination.Slice(written, inner));
            }
            else
            {
                for (int j = 0, src = baseOffset; j < inner; j++, src += innerStride)
                {
                    destination[written + j] = source[src];
                }
            }

            written += inner;

            // Advance the outer index like an odometer.
            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                baseOffset += strides[axis];
                if (index[axis] < shape[axis])
                {
                    break;
                }

                baseOffset -= strides[axis] * shape[axis];
                index[axis] = 0;
            }
        }
    }
}
