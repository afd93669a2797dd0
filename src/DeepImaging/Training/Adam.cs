namespace DeepImaging.Training;

/// <summary>
/// Adam, with PyTorch's <c>torch.optim.Adam</c> semantics: g = grad + weightDecay·p;
/// m = β1·m + (1 - β1)·g (running mean of gradients); v = β2·v + (1 - β2)·g² (running mean of squares);
/// p -= lr / (1 - β1^t) · m / (sqrt(v) / sqrt(1 - β2^t) + eps). The bias corrections undo the zero start of m and v.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly float[]?[] means;
    private readonly float[]?[] squares;
    private readonly double[] beta1Powers;
    private readonly double[] beta2Powers;

    /// <summary>Creates the optimiser with PyTorch's defaults.</summary>
    /// <param name="parameters">The parameters to update, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="beta1">Decay of the running mean of gradients.</param>
    /// <param name="beta2">Decay of the running mean of squared gradients.</param>
    /// <param name="eps">Added to the denominator so it is never 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient (as torch.optim.Adam does; AdamW differs).</param>
    public Adam(IEnumerable<Tensor> parameters, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 0)
        : base(parameters, lr)
    {
        CheckRange(beta1, nameof(beta1), 0, 1);
        CheckRange(beta2, nameof(beta2), 0, 1);
        CheckRange(eps, nameof(eps), 0);
        CheckRange(weightDecay, nameof(weightDecay), 0);
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        means = new float[]?[Parameters.Count];
        squares = new float[]?[Parameters.Count];
        beta1Powers = new double[Parameters.Count];
        beta2Powers = new double[Parameters.Count];
        Array.Fill(beta1Powers, 1.0);
        Array.Fill(beta2Powers, 1.0);
    }

    /// <summary>Decay of the running mean of gradients.</summary>
    public float Beta1 { get; }
    /// <summary>Decay of the running mean of squared gradients.</summary>
    public float Beta2 { get; }
    /// <summary>Added to the denominator.</summary>
    public float Eps { get; }
    /// <summary>The L2 weight-decay factor.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        var m = means[index] ??= new float[parameter.Length];
        var v = squares[index] ??= new float[parameter.Length];
        // β^t for this parameter's step t, by repeated multiplication (exactly rounded, so identical on every machine).
        beta1Powers[index] *= Beta1;
        beta2Powers[index] *= Beta2;
        // Bias corrections in double, as PyTorch computes them in Python floats.
        float stepSize = (float)(LearningRate / (1 - beta1Powers[index]));
        float correction2Sqrt = (float)Math.Sqrt(1 - beta2Powers[index]);
        for (int j = 0; j < parameter.Length; j++)
        {
            float g = gradient[j] + WeightDecay * parameter[j];
            m[j] = Beta1 * m[j] + (1 - Beta1) * g;
            v[j] = Beta2 * v[j] + (1 - Beta2) * g * g;
            parameter[j] -= stepSize * m[j] / (MathF.Sqrt(v[j]) / correction2Sqrt + Eps);
        }
    }
}
