using System.Runtime.CompilerServices;

namespace DeepImaging.Engine;

/// <summary>
/// Where a micro-kernel (<see cref="GemmMicroKernel"/>) reads the rows of its panel of B, one depth step p after
/// another: the values B[p, j0 .. j0 + width). The kernels are generic over it, so the JIT compiles one copy of each
/// kernel per kind of panel, with the step inlined.
/// </summary>
internal interface IPanelOfB
{
    /// <summary>The first value of the current row.</summary>
    ref float Row { get; }

    /// <summary>Moves on to the next row (the next depth step).</summary>
    void Next();
}

/// <summary>A packed panel (<see cref="GemmPacking"/>): its rows follow each other, <c>width</c> values apart.</summary>
internal ref struct PackedPanel(ref float first, int width) : IPanelOfB
{
    private ref float row = ref first;

    public readonly ref float Row => ref row;

    public void Next() => row = ref Unsafe.Add(ref row, width);
}

/// <summary>
/// A panel read in place from windows of one array (see <see cref="Gemm.MultiplyShifted"/>): row p is
/// source[starts[p] + column ...]. A convolution's B is such a panel, so it needs no packing.
/// </summary>
internal ref struct WindowPanel(ref float source, ref int firstStart, int column) : IPanelOfB
{
    private readonly ref float origin = ref Unsafe.Add(ref source, column);
    private ref int start = ref firstStart;

    public readonly ref float Row => ref Unsafe.Add(ref origin, start);

    public void Next() => start = ref Unsafe.Add(ref start, 1);
}
