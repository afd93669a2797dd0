namespace DeepImaging;

public static partial class Functional
{
    /// <summary>
    /// max(0, x): passes positive values, blocks negative ones (gradient 1 where x &gt; 0, else 0). NaN stays NaN (and passes
    /// its gradient), as in PyTorch, so a broken value is never hidden as a 0.
    /// </summary>
    public static Tensor Relu(Tensor x) => Checked(x, "Relu").Map("Relu", v => v <= 0 ? 0f : v, (v, y) => v <= 0 ? 0f : 1f);

    /// <summary>x for x &gt; 0, otherwise <paramref name="negativeSlope"/>·x, so negative inputs still pass a little gradient.</summary>
    public static Tensor LeakyRelu(Tensor x, float negativeSlope = 0.01f) =>
        Checked(x, "LeakyRelu").Map("LeakyRelu", v => v > 0 ? v : negativeSlope * v, (v, y) => v > 0 ? 1f : negativeSlope);

    /// <summary>1 / (1 + e^-x): squashes any value into (0, 1), read as a probability. Derivative y(1 - y).</summary>
    public static Tensor Sigmoid(Tensor x) => Checked(x, "Sigmoid").Map("Sigmoid", StableSigmoid, (v, y) => y * (1 - y));

    // Written two ways so that e^x never overflows for large |x|.
    internal static float StableSigmoid(float v) => v >= 0 ? 1f / (1f + MathF.Exp(-v)) : MathF.Exp(v) / (1f + MathF.Exp(v));

    /// <summary>The hyperbolic tangent: squashes values into (-1, 1). Derivative 1 - y².</summary>
    public static Tensor Tanh(Tensor x) => Checked(x, "Tanh").Map("Tanh", MathF.Tanh, (v, y) => 1 - y * y);

    /// <summary>e^x / Σ e^x along <paramref name="dim"/>: turns scores into probabilities that sum to 1.</summary>
    public static Tensor Softmax(Tensor x, int dim = -1)
    {
        var (outer, n, inner, _) = Checked(x, "Softmax").Split(dim, "Softmax");
        var y = new float[x.Count];
        ForEachLine(outer, n, inner, (start, step) =>
        {
            var lse = LogSumExp.Of(x.data, start, n, step);
            for (int k = 0; k < n; k++) y[start + k * step] = lse.Softmax(x.data[start + k * step]);
        });
        return Tensor.Record(y, x.shape, "Softmax", [x], g =>
        {
            // dx = y * (g - Σ g·y) along the dimension.
            var dx = new float[y.Length];
            ForEachLine(outer, n, inner, (start, step) =>
            {
                double dot = 0;
                for (int k = 0; k < n; k++) dot += g.data[start + k * step] * y[start + k * step];
                for (int k = 0; k < n; k++) dx[start + k * step] = y[start + k * step] * (g.data[start + k * step] - (float)dot);
            });
            x.AccumulateGrad(new Tensor(dx, x.shape));
        });
    }

    /// <summary>log(Softmax(x)) = x - log Σ e^x, computed stably (see <see cref="LogSumExp"/>); the input of a cross-entropy loss.</summary>
    public static Tensor LogSoftmax(Tensor x, int dim = -1)
    {
        var (outer, n, inner, _) = Checked(x, "LogSoftmax").Split(dim, "LogSoftmax");
        var y = new float[x.Count];
        ForEachLine(outer, n, inner, (start, step) =>
        {
            double logSum = LogSumExp.Of(x.data, start, n, step).Value;
            for (int k = 0; k < n; k++) y[start + k * step] = (float)(x.data[start + k * step] - logSum);
        });
        return Tensor.Record(y, x.shape, "LogSoftmax", [x], g =>
        {
            // dx = g - softmax · Σ g along the dimension.
            var dx = new float[y.Length];
            ForEachLine(outer, n, inner, (start, step) =>
            {
                double total = 0;
                for (int k = 0; k < n; k++) total += g.data[start + k * step];
                for (int k = 0; k < n; k++) dx[start + k * step] = g.data[start + k * step] - MathF.Exp(y[start + k * step]) * (float)total;
            });
            x.AccumulateGrad(new Tensor(dx, x.shape));
        });
    }

    private static Tensor Checked(Tensor x, string operation)
    {
        ArgumentNullException.ThrowIfNull(x, $"{operation} input");
        return x;
    }

    /// <summary>Calls <paramref name="line"/>(start, step) for every 1-D line along the reduced dimension of an [outer, n, inner] view.</summary>
    private static void ForEachLine(int outer, int n, int inner, Action<int, int> line)
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                line(o * n * inner + i, inner);
    }
}
