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
    /// Forward: y = x · Wᵀ + b. The backward pass comes from MatMul and Add:
    /// dL/dx = dL/dy · W, dL/dW = (dL/dy)ᵀ · x, dL/db = dL/dy summed over the batch.
    /// </summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (InputProblem(input.shape, InFeatures) is { } problem)
            throw new ArgumentException($"{this}: {problem}");
        var output = input.MatMul(Weight.T);
        return Bias is null ? output : output + Bias;
    }

    /// <summary>Like PyTorch: <c>Linear(in_features=2, out_features=4, bias=True)</c>.</summary>
    public override string ToString() => Repr(InFeatures, OutFeatures, Bias is not null);

    /// <summary>The layer written as in PyTorch, from its settings (also for a summary that never builds the layer).</summary>
    internal static string Repr(int inFeatures, int outFeatures, bool bias) =>
        $"Linear(in_features={inFeatures}, out_features={outFeatures}, bias={(bias ? "True" : "False")})";

    /// <summary>Both sizes at least 1.</summary>
    internal static void CheckSizes(int inFeatures, int outFeatures)
    {
        if (inFeatures < 1 || outFeatures < 1)
            throw new ArgumentException($"Linear: in_features ({inFeatures}) and out_features ({outFeatures}) must both be >= 1.");
    }

    /// <summary>What is wrong with an input of <paramref name="shape"/> for a layer taking <paramref name="inFeatures"/> features, or null.</summary>
    internal static string? InputProblem(int[] shape, int inFeatures) =>
        shape.Length == 0 ? $"input is a scalar (shape []); expected [..., {inFeatures}]."
        : shape[^1] != inFeatures ? $"input has {shape[^1]} features (shape {Shapes.Format(shape)}); expected [..., {inFeatures}]."
        : null;
}
