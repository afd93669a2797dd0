namespace DeepImaging;

/// <summary>
/// What <see cref="Functional.Pad(Tensor, int, int, int, int, PaddingFill)"/> puts in the new border (PyTorch's
/// <c>F.pad</c> mode). How wide the border is, is another question: see <see cref="PaddingAmount"/>.
/// </summary>
public enum PaddingFill
{
    /// <summary>Zeros (the padding of the course notes and of Conv2d).</summary>
    Zeros,
    /// <summary>A mirror image of the inside, not repeating the edge: 1 2 3 padded by 2 gives 3 2 [1 2 3] 2 1.</summary>
    Reflect,
    /// <summary>The edge value repeated: 1 2 3 padded by 2 gives 1 1 [1 2 3] 3 3.</summary>
    Replicate,
}
