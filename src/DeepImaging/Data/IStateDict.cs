namespace DeepImaging.Data;

/// <summary>
/// Anything that keeps its tensors by name, as a model keeps its parameters ("0.weight", "0.bias", ...): what
/// <see cref="SafeTensors"/> saves and loads, so that the file format needs to know nothing about layers.
/// Every <c>Module</c> is one.
/// </summary>
public interface IStateDict
{
    /// <summary>A copy of every tensor, by name (PyTorch's <c>state_dict()</c>).</summary>
    IReadOnlyDictionary<string, Tensor> StateDict();

    /// <summary>Copies the values of <paramref name="state"/> into the tensors of the same name; names and shapes must match.</summary>
    void LoadStateDict(IReadOnlyDictionary<string, Tensor> state);
}
