namespace DeepImaging.Training;

/// <summary>
/// Stochastic gradient descent, with PyTorch's <c>torch.optim.SGD</c> semantics:
/// g = grad + weightDecay·p; with momentum, buf = momentum·buf + g (buf starts at g) and g = buf; then p -= lr·g.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[]?[] buffers;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">The parameters to update, e.g. <c>model.Parameters()</c>.</param>
    /// <param name="lr">The learning rate.</param>
    /// <param name="momentum">How much of the previous step to keep (0 = plain gradient descent, 0.9 is common).</param>
    /// <param name="weightDecay">L2 penalty: pulls every weight towards 0 by weightDecay·p per step.</param>
    public Sgd(IEnumerable<Tensor> parameters, float lr, float momentum = 0, float weightDecay = 0) : base(parameters, lr)
    {
        CheckRange(momentum, nameof(momentum), 0);
        CheckRange(weightDecay, nameof(weightDecay), 0);
        Momentum = momentum;
        WeightDecay = weightDecay;
        buffers = new float[]?[Parameters.Count];
    }

    /// <summary>The momentum factor.</summary>
    public float Momentum { get; }

    /// <summary>The L2 weight-decay factor.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        var buffer = Momentum != 0 ? buffers[index] ??= new float[parameter.Length] : null;
        for (int j = 0; j < parameter.Length; j++)
        {
            float g = gradient[j] + WeightDecay * parameter[j];
            if (buffer is not null) g = buffer[j] = Momentum * buffer[j] + g;
            parameter[j] -= LearningRate * g;
        }
    }
}
