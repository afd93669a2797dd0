namespace DeepImaging;

/// <summary>
/// The operations of the library as plain functions, named as in PyTorch's <c>torch.nn.functional</c>.
/// Write <c>using static DeepImaging.Functional;</c> to call them as <c>Conv2d(x, w)</c>, <c>Relu(x)</c>.
/// Every function validates its arguments and records its gradient for autograd.
/// </summary>
public static partial class Functional
{
    /// <summary>Brings an image-like tensor to [N, C, H, W]: a 2-D [H, W] gains two leading dimensions, a 3-D [C, H, W] one.</summary>
    private static Tensor As4d(Tensor input, string operation, out int addedDims)
    {
        ArgumentNullException.ThrowIfNull(input, nameof(input));
        addedDims = 4 - input.Rank;
        return input.Rank switch
        {
            4 => input,
            3 => input.Unsqueeze(0),
            2 => input.Reshape(1, 1, input.shape[0], input.shape[1]),
            _ => throw new ArgumentException($"{operation}: input must be [N, C, H, W], [C, H, W] or [H, W]; got shape {input.ShapeString}."),
        };
    }

    /// <summary>Undoes <see cref="As4d"/> on a result.</summary>
    private static Tensor From4d(Tensor output, int addedDims) => addedDims switch
    {
        0 => output,
        1 => output.Squeeze(0),
        _ => output.Reshape(output.shape[2], output.shape[3]),
    };
}
