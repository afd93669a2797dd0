using DeepImaging.Engine;

namespace DeepImaging;

public static partial class Functional
{
    /// <summary>
    /// The fully connected layer's function, like PyTorch's <c>F.linear</c>: y = x · Wᵀ + b for input [..., in_features],
    /// weight [out_features, in_features] and bias [out_features] (or null); output [..., out_features].
    /// Gradients: dL/dx = dL/dy · W, dL/dW = (dL/dy)ᵀ · x (summed over the rows) and dL/db = dL/dy summed over the rows.
    /// </summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2)
            throw new ArgumentException($"Linear: weight must be [out_features, in_features]; got shape {weight.ShapeString}.", nameof(weight));
        int outFeatures = weight.shape[0], inFeatures = weight.shape[1];
        if (input.Rank == 0 || input.shape[^1] != inFeatures)
            throw new ArgumentException($"Linear: input {input.ShapeString} must be [..., {inFeatures}] to match weight {weight.ShapeString} ([out_features, in_features]).", nameof(input));
        if (bias is not null && (bias.Rank != 1 || bias.shape[0] != outFeatures))
            throw new ArgumentException($"Linear: bias must be [{outFeatures}], one value per output feature; got shape {bias.ShapeString}.", nameof(bias));

        int[] outShape = [.. input.shape[..^1], outFeatures];
        int rows = Shapes.Count(input.shape[..^1]);
        var y = LargeArrays.Uninitialized<float>(Shapes.Count(outShape, "Linear")); // the product writes every value
        Gemm.MultiplyInParallel(input.data, weight.data, y, rows, inFeatures, outFeatures, transposeB: true); // y = x · Wᵀ
        if (bias is not null)
            for (int r = 0; r < rows; r++) y.AsSpan(r * outFeatures, outFeatures).Add(bias.data);              //   + b
        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Tensor.Record(y, outShape, "Linear", inputs, g =>
        {
            if (input.RequiresGrad)
            {
                var dx = GradientBuffers.Rent(input.Count);
                Gemm.MultiplyInParallel(g.data, weight.data, dx, rows, outFeatures, inFeatures);                  // dx = g · W
                input.AccumulateGrad(dx);
            }
            if (weight.RequiresGrad)
            {
                var dWeight = new float[weight.Count];
                Gemm.MultiplyInParallel(g.data, input.data, dWeight, outFeatures, rows, inFeatures, transposeA: true); // dW = gᵀ · x
                weight.AccumulateGrad(dWeight);
            }
            if (bias is not null && bias.RequiresGrad)
            {
                var dBias = new float[outFeatures];
                for (int r = 0; r < rows; r++) dBias.AsSpan().Add(g.data.AsSpan(r * outFeatures, outFeatures));     // db = Σ rows of g
                bias.AccumulateGrad(dBias);
            }
        });
    }
}
