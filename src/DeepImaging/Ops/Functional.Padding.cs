namespace DeepImaging;

public static partial class Functional
{
    /// <summary>Adds <paramref name="padding"/> rows and columns on every side of the last two dimensions.</summary>
    public static Tensor Pad(Tensor input, int padding, PaddingFill mode = PaddingFill.Zeros) =>
        Pad(input, padding, padding, padding, padding, mode);

    /// <summary>Adds rows above/below and columns left/right of the last two dimensions, filled as <paramref name="mode"/> says.</summary>
    public static Tensor Pad(Tensor input, int top, int bottom, int left, int right, PaddingFill mode = PaddingFill.Zeros)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2)
            throw new ArgumentException($"Pad: input must have at least 2 dimensions (…, H, W); got shape {input.ShapeString}.");
        if (!Enum.IsDefined(mode))
            throw new ArgumentException($"Pad: mode {(int)mode} is not a padding mode; use PaddingFill.Zeros, Reflect or Replicate.", nameof(mode));
        if (top < 0 || bottom < 0 || left < 0 || right < 0)
            throw new ArgumentException($"Pad: padding (top {top}, bottom {bottom}, left {left}, right {right}) must not be negative.");
        int h = input.shape[^2], w = input.shape[^1];
        // Sizes in 64 bits, checked before anything is allocated: padding near int.MaxValue must not wrap around.
        int outH = Shapes.Dimension((long)top + h + bottom, "Pad", $"the padded height ({top} + {h} + {bottom})", "use less padding");
        int outW = Shapes.Dimension((long)left + w + right, "Pad", $"the padded width ({left} + {w} + {right})", "use less padding");
        int[] outShape = [.. input.shape[..^2], outH, outW];
        int outCount = Shapes.Count(outShape, "Pad");
        var rows = SourceIndices(h, top, bottom, mode, "height");
        var cols = SourceIndices(w, left, right, mode, "width");
        var output = new float[outCount];
        int planes = Shapes.Count(input.shape[..^2]);
        // Every output pixel copies one input pixel (or is zero): out[i, j] = in[rows[i], cols[j]].
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < outH; i++)
                for (int j = 0; j < outW; j++)
                    if (rows[i] >= 0 && cols[j] >= 0)
                        output[(p * outH + i) * outW + j] = input.data[(p * h + rows[i]) * w + cols[j]];

        return Tensor.Record(output, outShape, "Pad", [input], grad =>
        {
            var gradInput = new float[input.Count];
            for (int p = 0; p < planes; p++)
                for (int i = 0; i < outH; i++)
                    for (int j = 0; j < outW; j++)
                        if (rows[i] >= 0 && cols[j] >= 0)
                            gradInput[(p * h + rows[i]) * w + cols[j]] += grad.data[(p * outH + i) * outW + j];
            input.AccumulateGrad(new Tensor(gradInput, input.shape));
        });
    }

    /// <summary>For each padded position along one axis, the input index it copies (-1 for a zero).</summary>
    private static int[] SourceIndices(int size, int before, int after, PaddingFill mode, string axis)
    {
        if (mode == PaddingFill.Reflect && (before >= size || after >= size))
            throw new ArgumentException($"Pad: reflect padding ({before}, {after}) must be smaller than the input {axis} {size}; use replicate or zeros, or less padding.");
        if (mode == PaddingFill.Replicate && size == 0 && before + after > 0)
            throw new ArgumentException($"Pad: replicate padding needs a non-empty input {axis}.");
        var indices = new int[before + size + after];
        for (int i = 0; i < indices.Length; i++)
        {
            int k = i - before;
            indices[i] = k >= 0 && k < size ? k : mode switch
            {
                PaddingFill.Reflect => k < 0 ? -k : 2 * (size - 1) - k,
                PaddingFill.Replicate => Math.Clamp(k, 0, size - 1),
                _ => -1,
            };
        }
        return indices;
    }
}
