using DeepImaging.NN;

namespace DeepImaging.Explain;

/// <summary>
/// A model put in evaluation mode with its parameters frozen (no gradients recorded for them) while an attribution
/// method runs. Dispose puts back exactly what was there: each module's train/eval mode and each parameter's
/// <see cref="Tensor.RequiresGrad"/>. Parameter values and gradients are never written, because no gradient reaches them.
/// </summary>
internal sealed class FrozenModel : IDisposable
{
    private readonly List<(Module Module, bool Training)> modes;
    private readonly List<(Tensor Parameter, bool RequiresGrad)> parameters;

    public FrozenModel(Module model)
    {
        // Parents come before their children, so restoring in this order ends with every module's own mode.
        modes = [.. model.Modules().Select(m => (m, m.IsTraining))];
        parameters = [.. model.Parameters().Select(p => (p, p.RequiresGrad))];
        // Evaluation mode: Dropout passes everything through, so a map does not depend on random draws.
        model.Eval();
        foreach (var (parameter, _) in parameters) parameter.RequiresGrad = false;
    }

    public void Dispose()
    {
        foreach (var (module, training) in modes)
        {
            if (training) module.Train();
            else module.Eval();
        }
        foreach (var (parameter, requiresGrad) in parameters) parameter.RequiresGrad = requiresGrad;
    }
}
