using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepImaging;

/// <summary>
/// Single-precision matrix multiply C = A·B (row-major), the work-horse behind MatMul, Linear and
/// Conv2d (via im2col). It follows the classic GotoBLAS recipe in miniature:
/// <list type="bullet">
/// <item>cache blocking: A is cut into panels of <see cref="KC"/> columns that stay in L2, and B into
/// panels of KC x 32 that stay in L1 while every row block of A streams past;</item>
/// <item>packing: the panels are copied into contiguous, zero-padded buffers, so the inner kernel
/// never deals with edges or strides;</item>
/// <item>register blocking: the micro-kernel keeps a 4 x 32 tile of C in eight 512-bit registers and
/// performs 8 fused multiply-adds per step for 2 loads of B.</item>
/// </list>
/// Column panels run in parallel; each element of C is computed by one thread in a fixed order,
/// so results are bit-identical whatever the number of cores.
/// </summary>
internal static class Gemm
{
    private const int MR = 4;   // rows of the register tile
    private const int NR = 32;  // columns of the register tile (2 x Vector512<float>)
    private const int KC = 256; // depth of a packed panel

    /// <summary>C[m, n] = A[m, k] · B[k, n], or C += A·B when <paramref name="accumulate"/> is true.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
    {
        if (!accumulate) c[..(m * n)].Clear();
        if (m == 0 || n == 0 || k == 0) return;

        int rowPanels = (m + MR - 1) / MR, columnPanels = (n + NR - 1) / NR;
        var packedA = new float[rowPanels * MR * KC];
        var aArray = a.ToArray();
        var bArray = b.ToArray();
        var cArray = new float[m * n];
        c[..(m * n)].CopyTo(cArray);

        for (int p0 = 0; p0 < k; p0 += KC)
        {
            int kc = Math.Min(KC, k - p0);
            PackA(aArray, packedA, m, k, p0, kc);
            int depth = p0;
            void ColumnPanel(int jp)
            {
                var packedB = new float[KC * NR];
                var tile = new float[MR * NR];
                int j0 = jp * NR, nr = Math.Min(NR, n - j0);
                PackB(bArray, packedB, n, depth, kc, j0, nr);
                for (int ip = 0; ip < rowPanels; ip++)
                {
                    int i0 = ip * MR, mr = Math.Min(MR, m - i0);
                    LoadTile(cArray, tile, n, i0, mr, j0, nr);
                    MicroKernel(packedA.AsSpan(ip * MR * KC, MR * kc), packedB, kc, tile);
                    StoreTile(tile, cArray, n, i0, mr, j0, nr);
                }
            }
            if ((long)m * n * kc >= 1 << 20 && columnPanels > 1)
                Parallel.For(0, columnPanels, ColumnPanel);
            else
                for (int jp = 0; jp < columnPanels; jp++) ColumnPanel(jp);
        }
        cArray.CopyTo(c);
    }

    // Packed A: for each group of MR rows, the kc columns interleaved row by row: [p][r].
    private static void PackA(float[] a, float[] packed, int m, int k, int p0, int kc)
    {
        Array.Clear(packed);
        for (int i = 0; i < m; i++)
        {
            int panel = i / MR, r = i % MR, baseOffset = panel * MR * KC;
            for (int p = 0; p < kc; p++) packed[baseOffset + p * MR + r] = a[i * k + p0 + p];
        }
    }

    // Packed B: kc rows of NR contiguous columns, zero-padded past the matrix edge.
    private static void PackB(float[] b, float[] packed, int n, int p0, int kc, int j0, int nr)
    {
        if (nr < NR) Array.Clear(packed);
        for (int p = 0; p < kc; p++)
            Array.Copy(b, (p0 + p) * n + j0, packed, p * NR, nr);
    }

    private static void LoadTile(float[] c, float[] tile, int n, int i0, int mr, int j0, int nr)
    {
        Array.Clear(tile);
        for (int r = 0; r < mr; r++) Array.Copy(c, (i0 + r) * n + j0, tile, r * NR, nr);
    }

    private static void StoreTile(float[] tile, float[] c, int n, int i0, int mr, int j0, int nr)
    {
        for (int r = 0; r < mr; r++) Array.Copy(tile, r * NR, c, (i0 + r) * n + j0, nr);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(ReadOnlySpan<float> packedA, ReadOnlySpan<float> packedB, int kc, Span<float> tile)
    {
        ref float t = ref MemoryMarshal.GetReference(tile);
        ref float a = ref MemoryMarshal.GetReference(packedA);
        ref float b = ref MemoryMarshal.GetReference(packedB);
        var c00 = Vector512.LoadUnsafe(ref t, 0); var c01 = Vector512.LoadUnsafe(ref t, 16);
        var c10 = Vector512.LoadUnsafe(ref t, 32); var c11 = Vector512.LoadUnsafe(ref t, 48);
        var c20 = Vector512.LoadUnsafe(ref t, 64); var c21 = Vector512.LoadUnsafe(ref t, 80);
        var c30 = Vector512.LoadUnsafe(ref t, 96); var c31 = Vector512.LoadUnsafe(ref t, 112);
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b, (nuint)(p * NR));
            var b1 = Vector512.LoadUnsafe(ref b, (nuint)(p * NR + 16));
            var a0 = Vector512.Create(Unsafe.Add(ref a, p * MR));
            var a1 = Vector512.Create(Unsafe.Add(ref a, p * MR + 1));
            var a2 = Vector512.Create(Unsafe.Add(ref a, p * MR + 2));
            var a3 = Vector512.Create(Unsafe.Add(ref a, p * MR + 3));
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
        }
        c00.StoreUnsafe(ref t, 0); c01.StoreUnsafe(ref t, 16);
        c10.StoreUnsafe(ref t, 32); c11.StoreUnsafe(ref t, 48);
        c20.StoreUnsafe(ref t, 64); c21.StoreUnsafe(ref t, 80);
        c30.StoreUnsafe(ref t, 96); c31.StoreUnsafe(ref t, 112);
    }

    /// <summary>The transpose of a row-major [rows, cols] matrix, written into <paramref name="result"/> as [cols, rows].</summary>
    public static void Transpose(ReadOnlySpan<float> source, Span<float> result, int rows, int cols)
    {
        // Blocks of 32 x 32 keep both the reads and the writes inside the cache.
        const int Block = 32;
        for (int i0 = 0; i0 < rows; i0 += Block)
            for (int j0 = 0; j0 < cols; j0 += Block)
                for (int i = i0; i < Math.Min(i0 + Block, rows); i++)
                    for (int j = j0; j < Math.Min(j0 + Block, cols); j++)
                        result[j * rows + i] = source[i * cols + j];
    }
}
