using System.Globalization;

namespace DeepImaging.Training;

/// <summary>
/// Updates parameters from their gradients, like PyTorch's <c>torch.optim.Optimizer</c>: after
/// <c>loss.Backward()</c>, <see cref="Step"/> moves every parameter that has a gradient; <see cref="ZeroGrad"/>
/// clears the gradients before the next batch. Parameters without a gradient are left alone.
/// </summary>
public abstract class Optimizer
{
    private float learningRate;

    /// <summary>Takes the parameters to optimise (e.g. <c>model.Parameters()</c>) and the learning rate.</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        string name = GetType().Name;
        if (list.Count == 0)
            throw new ArgumentException($"{name}: got an empty parameter list; pass model.Parameters() of a model that has parameters.", nameof(parameters));
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
                throw new ArgumentException($"{name}: parameter {i} is null.", nameof(parameters));
            if (!list[i].IsLeaf)
                throw new ArgumentException($"{name}: parameter {i} (shape {list[i].ShapeString}) is the result of operation {list[i].Operation}, not a leaf tensor; optimise the tensors you created (e.g. model.Parameters()).", nameof(parameters));
        }
        if (list.Distinct(ReferenceEqualityComparer.Instance).Count() != list.Count)
            throw new ArgumentException($"{name}: a parameter appears more than once in the list; each would be updated twice per step.", nameof(parameters));
        Parameters = list;
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimiser updates, in order.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The step size; it can be changed between steps (learning-rate schedules).</summary>
    public float LearningRate
    {
        get => learningRate;
        set
        {
            if (!(value >= 0) || float.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), $"{GetType().Name}: the learning rate must be a finite number >= 0, got {value.ToString(CultureInfo.InvariantCulture)}.");
            learningRate = value;
        }
    }

    /// <summary>Updates every parameter that has a gradient, in place (no autograd graph is recorded).</summary>
    public void Step()
    {
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Grad is null) continue;
            if (p.Grad.Count != p.Count)
                throw new InvalidOperationException($"{GetType().Name}: parameter {i} has shape {p.ShapeString} but its gradient has shape {p.Grad.ShapeString}.");
            Update(i, p.data, p.Grad.data);
        }
    }

    /// <summary>Applies one update to parameter number <paramref name="index"/> from its gradient.</summary>
    protected abstract void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient);

    /// <summary>Clears the gradients of all parameters (sets them to null, as PyTorch does by default).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.Grad = null;
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>) (or up to infinity).</summary>
    private protected void CheckRange(float value, string name, float min, float max = float.PositiveInfinity)
    {
        if (!(value >= min && value < max))
            throw new ArgumentOutOfRangeException(name, $"{GetType().Name}: {name} must be in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}), got {value.ToString(CultureInfo.InvariantCulture)}.");
    }
}
