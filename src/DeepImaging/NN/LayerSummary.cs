namespace DeepImaging.NN;

/// <summary>One row of a <see cref="ModelSummary"/>: what one layer does to the shape and what it costs.</summary>
/// <param name="Name">The layer's name in the model ("0", "1", ... in a <see cref="Sequential"/>, "1.0" when nested).</param>
/// <param name="Type">The layer's type, e.g. "Linear".</param>
/// <param name="OutputShape">The shape the layer outputs for the summarised input.</param>
/// <param name="Parameters">The number of trainable values.</param>
/// <param name="ParameterFormula">How that number comes about, e.g. "2 x 4 + 4 = 12" (empty for layers without parameters).</param>
/// <param name="MultAdds">Multiply-add operations for one forward pass of the whole input batch.</param>
public sealed record LayerSummary(string Name, string Type, int[] OutputShape, long Parameters, string ParameterFormula, long MultAdds);
