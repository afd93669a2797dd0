namespace DeepImaging.Data;

/// <summary>
/// A synthetic lesion that <see cref="LesionPatches"/> painted into a patch: a dark Gaussian spot, darkest at its
/// centre by <paramref name="Contrast"/>, fading with distance d as Contrast · exp(−d² / (2 · Radius²)).
/// </summary>
/// <param name="Row">The centre's row in the patch, in pixels (a fraction: the centre may lie between pixels).</param>
/// <param name="Column">The centre's column in the patch, in pixels.</param>
/// <param name="Radius">The spread of the spot (the Gaussian's σ), in pixels.</param>
/// <param name="Contrast">How much darker the centre was made (on the 0..1 scale of the background).</param>
public sealed record Lesion(double Row, double Column, double Radius, double Contrast)
{
    /// <summary>
    /// The distance from the centre within which a pixel is darkened by at least a quarter of the contrast,
    /// Radius · √(2 ln 4): the part of the spot that <see cref="LesionPatchSet.Masks"/> marks as lesion.
    /// </summary>
    public double MaskRadius => Radius * Math.Sqrt(2 * Math.Log(4));

    /// <summary>True when pixel (<paramref name="row"/>, <paramref name="column"/>) belongs to the lesion's mask.</summary>
    public bool Covers(int row, int column) =>
        (row - Row) * (row - Row) + (column - Column) * (column - Column) <= MaskRadius * MaskRadius;
}
