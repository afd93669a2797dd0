using System.Runtime.Intrinsics;

namespace DeepImaging;

public sealed partial class Tensor
{
    // One struct per operator: the generic Binary<TOp> below is compiled once per struct, so the
    // arithmetic inlines into the loop and the same-shape case runs 16 floats at a time (Vector512).
    private interface IBinaryOp
    {
        static abstract float Apply(float a, float b);
        static abstract Vector512<float> Apply(Vector512<float> a, Vector512<float> b);
    }

    private readonly struct AddOp : IBinaryOp
    {
        public static float Apply(float a, float b) => a + b;
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a + b;
    }

    private readonly struct SubOp : IBinaryOp
    {
        public static float Apply(float a, float b) => a - b;
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a - b;
    }

    private readonly struct MulOp : IBinaryOp
    {
        public static float Apply(float a, float b) => a * b;
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a * b;
    }

    private readonly struct DivOp : IBinaryOp
    {
        public static float Apply(float a, float b) => a / b;
        public static Vector512<float> Apply(Vector512<float> a, Vector512<float> b) => a / b;
    }

    private static float[] Binary<TOp>(Tensor a, Tensor b, int[] outShape) where TOp : IBinaryOp
    {
        var result = new float[Shapes.Count(outShape)];
        if (Shapes.SameShape(a.shape, b.shape))
        {
            var x = a.data.AsSpan();
            var y = b.data.AsSpan();
            int i = 0;
            for (; i <= result.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                TOp.Apply(Vector512.Create(x[i..]), Vector512.Create(y[i..])).CopyTo(result, i);
            for (; i < result.Length; i++) result[i] = TOp.Apply(x[i], y[i]);
            return result;
        }
        // Broadcasting: walk the output in row-major order with stride 0 along broadcast dimensions.
        var sa = Shapes.BroadcastStrides(a.shape, outShape);
        var sb = Shapes.BroadcastStrides(b.shape, outShape);
        var index = new int[outShape.Length];
        int ia = 0, ib = 0;
        for (int o = 0; o < result.Length; o++)
        {
            result[o] = TOp.Apply(a.data[ia], b.data[ib]);
            for (int d = outShape.Length - 1; d >= 0; d--)
            {
                index[d]++;
                ia += sa[d];
                ib += sb[d];
                if (index[d] < outShape[d]) break;
                ia -= sa[d] * outShape[d];
                ib -= sb[d] * outShape[d];
                index[d] = 0;
            }
        }
        return result;
    }

    /// <summary>Sums a broadcast gradient back down to <paramref name="target"/> shape (the backward of broadcasting).</summary>
    internal Tensor SumTo(int[] target)
    {
        if (Shapes.SameShape(shape, target)) return this;
        var result = new float[Shapes.Count(target)];
        var strides = Shapes.BroadcastStrides(target, shape);
        var index = new int[shape.Length];
        int t = 0;
        for (int o = 0; o < data.Length; o++)
        {
            result[t] += data[o];
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                index[d]++;
                t += strides[d];
                if (index[d] < shape[d]) break;
                t -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
        return new Tensor(result, (int[])target.Clone());
    }

    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b)
    {
        var outShape = Shapes.Broadcast(a.shape, b.shape, "Add");
        return Record(Binary<AddOp>(a, b, outShape), outShape, "Add", [a, b], g =>
        {
            a.AccumulateGrad(g.SumTo(a.shape));
            b.AccumulateGrad(g.SumTo(b.shape));
        });
    }

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b)
    {
        var outShape = Shapes.Broadcast(a.shape, b.shape, "Subtract");
        return Record(Binary<SubOp>(a, b, outShape), outShape, "Subtract", [a, b], g =>
        {
            a.AccumulateGrad(g.SumTo(a.shape));
            b.AccumulateGrad((-g).SumTo(b.shape));
        });
    }

    /// <summary>Element-wise product with broadcasting (not the matrix product: see <see cref="MatMul"/>).</summary>
    public static Tensor operator *(Tensor a, Tensor b)
    {
        var outShape = Shapes.Broadcast(a.shape, b.shape, "Multiply");
        return Record(Binary<MulOp>(a, b, outShape), outShape, "Multiply", [a, b], g =>
        {
            a.AccumulateGrad((g * b).SumTo(a.shape));
            b.AccumulateGrad((g * a).SumTo(b.shape));
        });
    }

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b)
    {
        var outShape = Shapes.Broadcast(a.shape, b.shape, "Divide");
        return Record(Binary<DivOp>(a, b, outShape), outShape, "Divide", [a, b], g =>
        {
            a.AccumulateGrad((g / b).SumTo(a.shape));
            b.AccumulateGrad((-g * a / (b * b)).SumTo(b.shape));
        });
    }

    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor operator +(Tensor a, float b) => a + Scalar(b);
    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor operator +(float a, Tensor b) => Scalar(a) + b;
    /// <summary>Subtracts a scalar from every element.</summary>
    public static Tensor operator -(Tensor a, float b) => a - Scalar(b);
    /// <summary>Subtracts every element from a scalar.</summary>
    public static Tensor operator -(float a, Tensor b) => Scalar(a) - b;
    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor operator *(Tensor a, float b) => a * Scalar(b);
    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor operator *(float a, Tensor b) => Scalar(a) * b;
    /// <summary>Divides every element by a scalar.</summary>
    public static Tensor operator /(Tensor a, float b) => a / Scalar(b);
    /// <summary>Divides a scalar by every element.</summary>
    public static Tensor operator /(float a, Tensor b) => Scalar(a) / b;

    /// <summary>Negates every element.</summary>
    public static Tensor operator -(Tensor a) => a.Map("Negate", x => -x, (x, y) => -1f);

    /// <summary>A 0-dimensional tensor holding one value.</summary>
    public static Tensor Scalar(float value) => new([value], []);

    /// <summary>Applies f to every element; <paramref name="derivative"/>(x, f(x)) gives df/dx for the backward pass.</summary>
    internal Tensor Map(string operation, Func<float, float> f, Func<float, float, float> derivative)
    {
        var result = new float[data.Length];
        for (int i = 0; i < result.Length; i++) result[i] = f(data[i]);
        return Record(result, shape, operation, [this], g =>
        {
            var grad = new float[data.Length];
            for (int i = 0; i < grad.Length; i++) grad[i] = g.data[i] * derivative(data[i], result[i]);
            AccumulateGrad(new Tensor(grad, shape));
        });
    }

    /// <summary>e to the power of each element.</summary>
    public Tensor Exp() => Map("Exp", MathF.Exp, (x, y) => y);

    /// <summary>The natural logarithm of each element.</summary>
    public Tensor Log() => Map("Log", MathF.Log, (x, y) => 1f / x);

    /// <summary>The square root of each element.</summary>
    public Tensor Sqrt() => Map("Sqrt", MathF.Sqrt, (x, y) => 0.5f / y);

    /// <summary>The absolute value of each element (gradient 0 at 0, and at NaN as in PyTorch).</summary>
    public Tensor Abs() => Map("Abs", MathF.Abs, (x, y) => float.IsNaN(x) ? 0f : MathF.Sign(x)); // MathF.Sign throws on NaN; PyTorch gives 0

    /// <summary>Each element raised to <paramref name="exponent"/>.</summary>
    public Tensor Pow(float exponent) => Map("Pow", x => MathF.Pow(x, exponent), (x, y) => exponent * MathF.Pow(x, exponent - 1));

    /// <summary>Each element limited to [<paramref name="min"/>, <paramref name="max"/>] (gradient 0 where clipped).</summary>
    public Tensor Clamp(float min, float max)
    {
        if (min > max)
            throw new ArgumentException($"Clamp: min {min} is greater than max {max}.");
        return Map("Clamp", x => Math.Clamp(x, min, max), (x, y) => x >= min && x <= max ? 1f : 0f);
    }
}
