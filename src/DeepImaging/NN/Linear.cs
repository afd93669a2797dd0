namespace DeepImaging.NN;

/// <summary>
/// A fully connected (dense) layer, y = x Wᵀ + b, like PyTorch's <c>nn.Linear</c>: every output is a weighted
/// sum of all inputs plus a bias. Input [..., in_features], output [..., out_features].
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer with PyTorch's default initialisation: weight and bias uniform in ±1/sqrt(in_features)
    /// (Kaiming uniform with a = sqrt(5)), drawn from a generator seeded with <paramref name="seed"/> (without one, from the library-wide generator: see <see cref="Generator.ManualSeed"/>).</summary>
    public Linear(int inFeatures, int outFeatures, bool bias = true, int? seed = null)
    {
        CheckSizes(inFeatures, outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var generator = Generator.SeededOrNext(seed);
        Weight = RegisterParameter("weight", Init.KaimingUniform(Tensor.Zeros(outFeatures, inFeatures), generator, negativeSlope: Math.Sqrt(5)));
        if (bias)
        {
            double bound = 1 / Math.Sqrt(inFeatures);
            Bias = RegisterParameter("bias", Init.Uniform(Tensor.Zeros(outFeatures), -bound, bound, generator));
        }
    }

    /// <summary>The number of input features.</summary>
    public int InFeatures { get; }

    /// <summary>The number of output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The weights, shape [out_features, in_features]: row o holds the weights of output o.</summary>
    public Tensor Weight { get; }

    /// <summary>The biases, shape [out_features], or null without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>
    /// Forward: y = x · Wᵀ + b (<see cref="Functional.Linear"/>), whose backward pass is
    /// dL/dx = dL/dy · W, dL/dW = (dL/dy)ᵀ · x, dL/db = dL/dy summed over the batch.
    /// </summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.shape, InFeatures, ToString());
        return Functional.Linear(input, Weight, Bias);
    }

    /// <inheritdoc/>
    public override LayerSummary Describe(int[] inputShape) => Summarize(InFeatures, OutFeatures, Bias is not null, inputShape);

    /// <summary>Like PyTorch: <c>Linear(in_features=2, out_features=4, bias=True)</c>.</summary>
    public override string ToString() => Repr(InFeatures, OutFeatures, Bias is not null);

    private static string Repr(int inFeatures, int outFeatures, bool bias) =>
        $"Linear(in_features={inFeatures}, out_features={outFeatures}, bias={(bias ? "True" : "False")})";

    /// <summary>The summary row from sizes alone (also used by <see cref="ModelSummary.Dense"/> and <see cref="LayerSpec"/>, which never build the layer).</summary>
    internal static LayerSummary Summarize(int inFeatures, int outFeatures, bool bias, int[] inputShape)
    {
        CheckSizes(inFeatures, outFeatures);
        CheckInput(inputShape, inFeatures, Repr(inFeatures, outFeatures, bias));
        string layer = Repr(inFeatures, outFeatures, bias);
        long weights = (long)inFeatures * outFeatures, total = weights + (bias ? outFeatures : 0); // below 2^62 + 2^31: no overflow
        string formula = $"{ModelSummary.Number(inFeatures)} x {ModelSummary.Number(outFeatures)}"
            + (bias ? $" + {ModelSummary.Number(outFeatures)}" : "") + $" = {ModelSummary.Number(total)}";
        long samples = ModelSummary.Product(layer, "number of input rows", [.. inputShape[..^1].Select(s => (long)s)]);
        return new LayerSummary("", nameof(Linear), [.. inputShape[..^1], outFeatures], total, formula, ModelSummary.Product(layer, "mult-add count", samples, weights));
    }

    private static void CheckSizes(int inFeatures, int outFeatures)
    {
        if (inFeatures < 1 || outFeatures < 1)
            throw new ArgumentException($"Linear: in_features ({inFeatures}) and out_features ({outFeatures}) must both be >= 1.");
    }

    private static void CheckInput(int[] shape, int inFeatures, string layer)
    {
        if (shape.Length == 0)
            throw new ArgumentException($"{layer}: input is a scalar (shape []); expected [..., {inFeatures}].");
        if (shape[^1] != inFeatures)
            throw new ArgumentException($"{layer}: input has {shape[^1]} features (shape {Shapes.Format(shape)}); expected [..., {inFeatures}].");
    }
}
