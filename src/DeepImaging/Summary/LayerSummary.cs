namespace DeepImaging.NN;

/// <summary>One row of a <see cref="ModelSummary"/>: what one layer does to the shape and what it costs.</summary>
/// <param name="Name">The layer's name in the model ("0", "1", ... in a <see cref="Sequential"/>, "1.0" when nested).</param>
/// <param name="Type">The layer's type, e.g. "Linear".</param>
/// <param name="OutputShape">The shape the layer outputs for the summarised input.</param>
/// <param name="Parameters">The number of trainable values.</param>
/// <param name="ParameterFormula">How that number comes about, e.g. "2 x 4 + 4 = 12" (empty for layers without parameters).</param>
/// <param name="MultAdds">Multiply-add operations for one forward pass of the whole input batch.</param>
public sealed record LayerSummary(string Name, string Type, int[] OutputShape, long Parameters, string ParameterFormula, long MultAdds)
{
    /// <summary>
    /// The receptive field: the side, in input pixels, of the square region of the input image that one output value
    /// of this layer sees, layer by layer r = r_prev + (k_eff − 1) · j_prev with k_eff = dilation · (k − 1) + 1 and the
    /// jump j = j_prev · stride (convolutions and pooling; element-wise layers and Flatten keep the field of their input).
    /// It may exceed the image: the region then reaches into the padding. A <see cref="Linear"/> layer sees every value
    /// of its input, so from the first dense layer on the field is the whole image, given as the image's larger side
    /// (or the field before it, if that is larger). Rectangular kernels give rectangular fields: this is their larger side.
    /// Null when the summarised input is not an image ([N, C, H, W] or [C, H, W]), e.g. for a dense network on features.
    /// Filled in by <see cref="ModelSummary"/>.
    /// </summary>
    public int? ReceptiveField { get; init; }

    /// <summary>Both axes of the receptive field and where it sits (null when <see cref="ReceptiveField"/> is).</summary>
    internal LayerField? Field { get; init; }

    /// <summary>The sliding window of a convolution or pooling layer (null for other layers), for the receptive-field arithmetic.</summary>
    internal SlidingWindow? Window { get; init; }
}
