namespace DeepImaging;

/// <summary>What <see cref="Functional.Pad(Tensor, int, int, int, int, PaddingMode)"/> puts in the new border.</summary>
public enum PaddingMode
{
    /// <summary>Zeros (the padding of the course notes and of Conv2d).</summary>
    Zeros,
    /// <summary>A mirror image of the inside, not repeating the edge: 1 2 3 padded by 2 gives 3 2 [1 2 3] 2 1.</summary>
    Reflect,
    /// <summary>The edge value repeated: 1 2 3 padded by 2 gives 1 1 [1 2 3] 3 3.</summary>
    Replicate,
}
