namespace DeepImaging.Notebooks;

/// <summary>A cell to run in a <see cref="KernelProcess"/>.</summary>
/// <param name="Number">The cell's position in its notebook, counting every cell from 1.</param>
/// <param name="KernelName">The kernel it is written for ("csharp", "html", "value"; others fail with a clear message).</param>
/// <param name="Code">The cell's source.</param>
public sealed record KernelCell(int Number, string KernelName, string Code);
