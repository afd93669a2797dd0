using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>
/// Copies blocks of A and B into the order <see cref="GemmMicroKernel"/> reads them: contiguous, in the order of use,
/// zero-padded at the edges, so the kernel never deals with strides, transposes or partial tiles. Either operand may be
/// stored transposed; packing is where that is undone. The loops index without bounds checks: <see cref="Gemm"/> checks
/// the operands' sizes once before it packs.
/// </summary>
internal static class GemmPacking
{
    /// <summary>The height of the row block that starts <paramref name="rest"/> rows before the end of a block of A:
    /// a full tile, or the short edge tile when edge tiles cover the rest in fewer rows than a full tile would (with
    /// AVX-512: up to 8 rows left, as two 4-row tiles instead of a 12-row tile that is one third padding).</summary>
    public static int BlockHeight(int rest)
    {
        int rows = GemmMicroKernel.Rows, edge = GemmMicroKernel.EdgeRows;
        return rest < rows && (rest + edge - 1) / edge * edge < rows ? edge : rows;
    }

    /// <summary>The rows <paramref name="mc"/> rows of A take once packed (padded up to whole tiles).</summary>
    public static int PaddedRows(int mc)
    {
        int padded = 0;
        for (int r0 = 0; r0 < mc; r0 += BlockHeight(mc - r0)) padded += BlockHeight(mc - r0);
        return padded;
    }

    /// <summary>The columns <paramref name="nc"/> columns of B take once packed (whole panels).</summary>
    public static int PaddedColumns(int nc) => (nc + GemmMicroKernel.Columns - 1) / GemmMicroKernel.Columns * GemmMicroKernel.Columns;

    /// <summary>
    /// Rows i0..i0+mc, depths p0..p0+kc of A into row blocks of <see cref="BlockHeight"/> rows, each stored step by step:
    /// block[p * height + r] = A[i0 + r0 + r, p0 + p]. A is [m, k] with rows <paramref name="lda"/> apart, or, when
    /// <paramref name="transposed"/>, stored as its transpose [k, m].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(ReadOnlySpan<float> a, bool transposed, int lda, int i0, int mc, int p0, int kc, Span<float> packed)
    {
        ref float source = ref MemoryMarshal.GetReference(a);
        ref float target = ref MemoryMarshal.GetReference(packed);
        for (int r0 = 0; r0 < mc; )
        {
            int height = BlockHeight(mc - r0), real = Math.Min(height, mc - r0);
            if (transposed)
            {
                // A[i, p] = a[p * lda + i]: each step's rows are side by side in memory.
                for (int p = 0; p < kc; p++)
                {
                    ref float from = ref Unsafe.Add(ref source, (p0 + p) * lda + i0 + r0);
                    ref float to = ref Unsafe.Add(ref target, p * height);
                    for (int r = 0; r < real; r++) Unsafe.Add(ref to, r) = Unsafe.Add(ref from, r);
                }
            }
            else
            {
                // Step by step, gathering one value from each row: the writes stay sequential, and the few rows being
                // read stay in the L1 cache (one cache line of each serves 16 steps).
                ref float rows = ref Unsafe.Add(ref source, (i0 + r0) * lda + p0);
                for (int p = 0; p < kc; p++)
                {
                    ref float to = ref Unsafe.Add(ref target, p * height);
                    for (int r = 0; r < real; r++) Unsafe.Add(ref to, r) = Unsafe.Add(ref rows, r * lda + p);
                }
            }
            for (int r = real; r < height; r++)                    // rows past the end of A: zeros
                for (int p = 0; p < kc; p++) Unsafe.Add(ref target, p * height + r) = 0f;
            target = ref Unsafe.Add(ref target, height * kc);
            r0 += height;
        }
    }

    /// <summary>
    /// Depths p0..p0+kc, columns j0..j0+nc of B into panels of <see cref="GemmMicroKernel.Columns"/> columns, each stored
    /// step by step: panel[p * NR + j] = B[p0 + p, j0 + jq + j]. B is [k, n] with rows <paramref name="ldb"/> apart, or,
    /// when <paramref name="transposed"/>, stored as its transpose [n, k].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(ReadOnlySpan<float> b, bool transposed, int ldb, int p0, int kc, int j0, int nc, Span<float> packed)
    {
        int width = GemmMicroKernel.Columns;
        ref float source = ref MemoryMarshal.GetReference(b);
        ref float target = ref MemoryMarshal.GetReference(packed);
        for (int jq = 0; jq < nc; jq += width)
        {
            int real = Math.Min(width, nc - jq);
            if (transposed)
            {
                // B[p, j] = b[j * ldb + p]: walk each column of B (a row of the stored transpose) once.
                for (int j = 0; j < real; j++)
                {
                    ref float from = ref Unsafe.Add(ref source, (j0 + jq + j) * ldb + p0);
                    ref float to = ref Unsafe.Add(ref target, j);
                    for (int p = 0; p < kc; p++) Unsafe.Add(ref to, p * width) = Unsafe.Add(ref from, p);
                }
                for (int j = real; j < width; j++)
                    for (int p = 0; p < kc; p++) Unsafe.Add(ref target, p * width + j) = 0f;
            }
            else if (real == width)
            {
                // A whole panel: each step is one contiguous run of B, copied a vector at a time.
                for (int p = 0; p < kc; p++)
                {
                    ref float from = ref Unsafe.Add(ref source, (p0 + p) * ldb + j0 + jq);
                    ref float to = ref Unsafe.Add(ref target, p * width);
                    for (int j = 0; j < width; j += Vector256<float>.Count)
                        Vector256.LoadUnsafe(ref from, (nuint)j).StoreUnsafe(ref to, (nuint)j);
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    ref float from = ref Unsafe.Add(ref source, (p0 + p) * ldb + j0 + jq);
                    ref float to = ref Unsafe.Add(ref target, p * width);
                    for (int j = 0; j < real; j++) Unsafe.Add(ref to, j) = Unsafe.Add(ref from, j);
                    for (int j = real; j < width; j++) Unsafe.Add(ref to, j) = 0f;
                }
            }
            target = ref Unsafe.Add(ref target, kc * width);
        }
    }

    /// <summary>
    /// Like <see cref="PackB"/> for a B made of windows of one array (see <see cref="Gemm.MultiplyShifted"/>):
    /// panel[p * NR + j] = source[starts[p0 + p] + j0 + jq + j]. The product reads full-width panels of windows in place;
    /// only its last, narrower panel is packed, zero-padded, here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackShifted(ReadOnlySpan<float> source, ReadOnlySpan<int> starts, int p0, int kc, int j0, int nc, Span<float> packed)
    {
        int width = GemmMicroKernel.Columns;
        ref float from0 = ref MemoryMarshal.GetReference(source);
        ref float target = ref MemoryMarshal.GetReference(packed);
        // For a narrower last panel: which lanes of each vector are real columns (the others become zeros).
        Span<Vector256<float>> keep = stackalloc Vector256<float>[width / Vector256<float>.Count];
        for (int jq = 0; jq < nc; jq += width)
        {
            int real = Math.Min(width, nc - jq);
            if (real < width)
                for (int v = 0; v < keep.Length; v++)
                    keep[v] = Vector256.LessThan(Vector256.Create(v * Vector256<int>.Count) + Vector256<int>.Indices, Vector256.Create(real)).AsSingle();
            for (int p = 0; p < kc; p++)
            {
                int start = starts[p0 + p] + j0 + jq;
                ref float from = ref Unsafe.Add(ref from0, start);
                ref float to = ref Unsafe.Add(ref target, p * width);
                if (real == width)
                    for (int j = 0; j < width; j += Vector256<float>.Count)
                        Vector256.LoadUnsafe(ref from, (nuint)j).StoreUnsafe(ref to, (nuint)j);
                else if (start + width <= source.Length) // the whole row is in the array: read it, keep the real columns
                    for (int v = 0; v < keep.Length; v++)
                        (Vector256.LoadUnsafe(ref from, (nuint)(v * Vector256<float>.Count)) & keep[v]).StoreUnsafe(ref to, (nuint)(v * Vector256<float>.Count));
                else
                {
                    for (int j = 0; j < real; j++) Unsafe.Add(ref to, j) = Unsafe.Add(ref from, j);
                    for (int j = real; j < width; j++) Unsafe.Add(ref to, j) = 0f;
                }
            }
            target = ref Unsafe.Add(ref target, kc * width);
        }
    }
}
