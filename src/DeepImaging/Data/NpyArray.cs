namespace DeepImaging.Data;

/// <summary>An array read by <see cref="Npy"/>: its shape, its values as float32 in C order, and numpy's type string (e.g. "|u1").</summary>
internal sealed record NpyArray(int[] Shape, float[] Values, string Descr);
