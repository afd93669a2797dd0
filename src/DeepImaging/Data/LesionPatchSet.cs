namespace DeepImaging.Data;

/// <summary>
/// Lesion patches with the truth about each lesion, made by <see cref="LesionPatches.GenerateWithLesions"/>: where it
/// was painted and which pixels it covers, so that a map of "where the network looked" can be scored against it.
/// </summary>
/// <param name="Images">The patches, [count, 1, size, size], each centred on its mean.</param>
/// <param name="Labels">[count]: 1 for a patch with a lesion, 0 for a healthy one.</param>
/// <param name="Masks">[count, size, size]: 1 on the pixels a lesion darkened by at least a quarter of its contrast (see <see cref="Lesion.Covers"/>), 0 elsewhere and everywhere in healthy patches.</param>
/// <param name="Lesions">One entry per patch: the painted <see cref="Lesion"/>, or null for a healthy patch.</param>
public sealed record LesionPatchSet(Tensor Images, Tensor Labels, Tensor Masks, IReadOnlyList<Lesion?> Lesions)
{
    /// <summary>The number of patches.</summary>
    public int Count => Lesions.Count;
}
