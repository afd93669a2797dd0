namespace DeepImaging.NN;

/// <summary>
/// A building block of a network, like PyTorch's <c>torch.nn.Module</c>: it turns an input tensor into an
/// output tensor in <see cref="Forward"/>, owns named parameters (weights and biases that training changes),
/// may contain child modules, and knows whether it is training or evaluating.
/// </summary>
public abstract class Module : Data.IStateDict
{
    private readonly List<(string Name, Tensor Parameter)> parameters = [];
    private readonly List<(string Name, Module Child)> children = [];

    /// <summary>Computes the output of the module for <paramref name="input"/>, recording gradients when they are on.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>. Dropout only drops while training.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Switches this module and all its children to training mode; returns this module.</summary>
    public Module Train() => SetMode(training: true);

    /// <summary>Switches this module and all its children to evaluation mode (Dropout passes everything through); returns this module.</summary>
    public Module Eval() => SetMode(training: false);

    private Module SetMode(bool training)
    {
        IsTraining = training;
        foreach (var (_, child) in children) child.SetMode(training);
        return this;
    }

    /// <summary>Every parameter with its PyTorch state_dict name: "weight", "bias", or "0.weight" for the first child of a <see cref="Sequential"/>.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters()
    {
        foreach (var p in parameters) yield return p;
        foreach (var (childName, child) in children)
            foreach (var (name, parameter) in child.NamedParameters())
                yield return ($"{childName}.{name}", parameter);
    }

    /// <summary>This module and every module inside it, parents before their children (like PyTorch's <c>modules()</c>).</summary>
    public IEnumerable<Module> Modules()
    {
        yield return this;
        foreach (var (_, child) in children)
            foreach (var module in child.Modules())
                yield return module;
    }

    /// <summary>Every parameter, in the order of <see cref="NamedParameters"/> (what an optimiser needs).</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>The number of trainable values in all parameters.</summary>
    public long ParameterCount => Parameters().Sum(p => (long)p.Count);

    /// <summary>Clears the gradient of every parameter (sets it to null, as PyTorch does by default).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Grad = null;
    }

    /// <summary>
    /// A copy of every parameter by name (like PyTorch's <c>state_dict()</c>, but copied, so later training does
    /// not change it: keep one to restore the best weights).
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, p) in NamedParameters()) state[name] = Tensor.From(p.data, p.shape);
        return state;
    }

    /// <summary>
    /// Copies values into the parameters by name. Every parameter must be present with the same shape and no
    /// unknown names may be given (PyTorch's strict mode); otherwise nothing is changed and an
    /// <see cref="ArgumentException"/> lists the problems.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = NamedParameters().ToList();
        var problems = new List<string>();
        var missing = own.Select(p => p.Name).Where(n => !state.ContainsKey(n)).ToList();
        if (missing.Count > 0) problems.Add($"missing {string.Join(", ", missing.Select(n => $"'{n}'"))}");
        var unexpected = state.Keys.Where(k => own.All(p => p.Name != k)).ToList();
        if (unexpected.Count > 0) problems.Add($"unexpected {string.Join(", ", unexpected.Select(n => $"'{n}'"))}");
        foreach (var (name, p) in own)
            if (state.TryGetValue(name, out var value) && !Shapes.SameShape(value.shape, p.shape))
                problems.Add($"'{name}' has shape {value.ShapeString} in the state dict but {p.ShapeString} in the model");
        if (problems.Count > 0)
            throw new ArgumentException(
                $"LoadStateDict ({GetType().Name}): {string.Join("; ", problems)}. The model's parameters are: " +
                string.Join(", ", own.Select(p => $"{p.Name} {p.Parameter.ShapeString}")) + ".", nameof(state));
        // Copy in place, so optimisers holding these tensors keep working.
        foreach (var (name, p) in own) Array.Copy(state[name].data, p.data, p.Count);
    }

    /// <summary>
    /// One row of a model summary for an input of <paramref name="inputShape"/>: output shape, parameter count with
    /// its formula and mult-adds, from shape arithmetic alone (no forward pass). Throws an <see cref="ArgumentException"/>
    /// when the layer cannot take that shape. The summary knows the layers of this library; a module of your own
    /// overrides this (the base version throws <see cref="NotSupportedException"/> for modules it does not know).
    /// </summary>
    public virtual LayerSummary Describe(int[] inputShape) => LayerRows.Of(this, inputShape);

    /// <summary>Adds a parameter under <paramref name="name"/>: it becomes a leaf that requires gradients. Returns it.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        parameters.Add((name, parameter.RequireGrad()));
        return parameter;
    }

    /// <summary>Adds a child module under <paramref name="name"/>; its parameters are named "<paramref name="name"/>.weight" and so on.</summary>
    protected T RegisterModule<T>(string name, T child) where T : Module
    {
        ArgumentNullException.ThrowIfNull(child, name);
        children.Add((name, child));
        child.SetMode(IsTraining);
        return child;
    }

    /// <summary>A summary row for this layer with the given output shape (the container fills in the name), for a module of your own that overrides <see cref="Describe"/>.</summary>
    protected LayerSummary Row(int[] outputShape, long parameters = 0, string parameterFormula = "", long multAdds = 0) =>
        new("", GetType().Name, outputShape, parameters, parameterFormula, multAdds);

    /// <summary>The layer written as in PyTorch, e.g. <c>ReLU()</c>.</summary>
    public override string ToString() => $"{GetType().Name}()";
}
