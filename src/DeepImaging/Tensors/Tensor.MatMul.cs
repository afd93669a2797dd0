using DeepImaging.Engine;

namespace DeepImaging;

public sealed partial class Tensor
{
    /// <summary>
    /// The matrix product, like PyTorch's <c>matmul</c>: [m, k] · [k, n] = [m, n]; batched
    /// [..., m, k] · [..., k, n] with equal batch dimensions, or a batch times one matrix; a 1-D
    /// operand is treated as a row (left) or column (right) vector and its dimension removed.
    /// </summary>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank == 0 || other.Rank == 0)
            throw new ArgumentException($"MatMul: both operands need at least one dimension; got {ShapeString} and {other.ShapeString}.");
        if (Rank == 1 && other.Rank == 1) return Unsqueeze(0).MatMul(other.Unsqueeze(1)).Reshape(); // the dot product, a scalar
        if (Rank == 1) return Unsqueeze(0).MatMul(other).Squeeze(-2);
        if (other.Rank == 1) return MatMul(other.Unsqueeze(1)).Squeeze(-1);

        int m = shape[^2], k = shape[^1], k2 = other.shape[^2], n = other.shape[^1];
        if (k != k2)
            throw new ArgumentException($"MatMul: inner dimensions differ: {ShapeString} · {other.ShapeString} needs the last size of the left ({k}) to equal the second-to-last of the right ({k2}).");
        var batchA = shape[..^2];
        var batchB = other.shape[..^2];
        int[] batch;
        if (batchA.Length == 0) batch = batchB;
        else if (batchB.Length == 0 || batchA.AsSpan().SequenceEqual(batchB)) batch = batchA;
        else
            throw new ArgumentException($"MatMul: batch dimensions {Shapes.Format(batchA)} and {Shapes.Format(batchB)} differ; use equal batch shapes, or a plain 2-D matrix on one side.");

        int batches = Shapes.Count(batch);
        var result = new float[Shapes.Count([.. batch, m, n], "MatMul")];
        int strideA = batchA.Length == 0 ? 0 : m * k, strideB = batchB.Length == 0 ? 0 : k * n;
        for (int bi = 0; bi < batches; bi++)
            Gemm.Multiply(data.AsSpan(bi * strideA, m * k), other.data.AsSpan(bi * strideB, k * n), result.AsSpan(bi * m * n, m * n), m, k, n);

        Tensor a = this, b = other;
        return Record(result, [.. batch, m, n], "MatMul", [a, b], g =>
        {
            // d(A·B)/dA = G·Bᵀ and d(A·B)/dB = Aᵀ·G, summed over a broadcast batch.
            if (a.RequiresGrad) a.AccumulateGrad(g.MatMul(b.Transpose(-1, -2)).SumTo(a.shape));
            if (b.RequiresGrad) b.AccumulateGrad(a.Transpose(-1, -2).MatMul(g).SumTo(b.shape));
        });
    }
}
