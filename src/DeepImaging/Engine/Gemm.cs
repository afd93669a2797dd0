using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>
/// Single-precision matrix multiply C = A·B (row-major), the work-horse behind MatMul, Linear and
/// Conv2d (via im2col). It follows the classic GotoBLAS recipe in miniature:
/// <list type="bullet">
/// <item>cache blocking: A and B are cut into panels of depth <see cref="KC"/>; a KC x 32 panel of B
/// stays in the L1 cache while every group of 4 rows of A streams past;</item>
/// <item>packing: the panels are copied into contiguous, zero-padded buffers, so the inner kernel
/// never deals with edges or strides;</item>
/// <item>register blocking: the micro-kernel keeps a 4 x 32 tile of C in registers (eight 512-bit
/// ones with AVX-512, or two passes of eight 256-bit ones with AVX2) and does one fused multiply-add
/// per register for every step along the depth.</item>
/// </list>
/// Column panels run in parallel. Each element of C is one chain of fused multiply-adds in
/// increasing depth, computed by one thread, whatever the register width or blocking, so results
/// are bit-identical on any number of cores.
/// </summary>
internal static class Gemm
{
    private const int MR = 4;   // rows of the register tile
    private const int NR = 32;  // columns of the register tile (2 x Vector512<float>)
    private const int KC = 256; // depth of a packed panel

    /// <summary>C[m, n] = A[m, k] · B[k, n], or C += A·B when <paramref name="accumulate"/> is true.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
    {
        if (m == 0 || n == 0) return;
        if (!accumulate) c[..(m * n)].Clear();
        if (k == 0) return;

        int depth = Math.Min(KC, k), columnPanels = (n + NR - 1) / NR;
        var packedA = new float[(m + MR - 1) / MR * MR * depth];
        // Parallel.For's body cannot capture a span, so a parallel product works on array copies of B and C.
        // Copying B only pays off when many rows of A reuse it; smaller products (such as the per-image
        // products of Conv2d, which already runs images in parallel) use the caller's spans directly.
        bool parallel = m >= 128 && (long)m * n * depth >= 1 << 20 && columnPanels > 1;
        float[]? bArray = parallel ? b[..(k * n)].ToArray() : null;
        float[]? cArray = parallel ? c[..(m * n)].ToArray() : null;

        for (int p0 = 0; p0 < k; p0 += KC)
        {
            int kc = Math.Min(KC, k - p0);
            PackA(a, packedA, m, k, p0, kc, depth);
            if (parallel)
                Parallel.For(0, columnPanels, jp => ColumnPanel(packedA, bArray, cArray, m, n, p0, kc, depth, jp));
            else
                for (int jp = 0; jp < columnPanels; jp++) ColumnPanel(packedA, b, c, m, n, p0, kc, depth, jp);
        }
        cArray?.CopyTo(c);
    }

    // Packed A: for each group of MR rows, the kc columns interleaved row by row: [p][r].
    // Rows past m are never written, so they keep the zeros of the fresh buffer.
    private static void PackA(ReadOnlySpan<float> a, float[] packed, int m, int k, int p0, int kc, int depth)
    {
        for (int i = 0; i < m; i++)
        {
            int offset = i / MR * MR * depth + i % MR;
            var row = a.Slice(i * k + p0, kc);
            for (int p = 0; p < kc; p++) packed[offset + p * MR] = row[p];
        }
    }

    // Columns j0..j0+NR of C, all rows, for depths p0..p0+kc: packs that panel of B (kc rows of NR
    // contiguous values, zero past the edge of B), then runs the micro-kernel down the rows of A.
    private static void ColumnPanel(float[] packedA, ReadOnlySpan<float> b, Span<float> c, int m, int n, int p0, int kc, int depth, int jp)
    {
        int j0 = jp * NR, nr = Math.Min(NR, n - j0);
        Span<float> packedB = stackalloc float[kc * NR]; // at most 32 KB, zero-initialised
        for (int p = 0; p < kc; p++)
            b.Slice((p0 + p) * n + j0, nr).CopyTo(packedB.Slice(p * NR));

        Span<float> tile = stackalloc float[MR * NR];
        for (int i0 = 0; i0 < m; i0 += MR)
        {
            int mr = Math.Min(MR, m - i0);
            var panelA = packedA.AsSpan(i0 * depth, MR * kc);
            if (mr == MR && nr == NR)
                MicroKernel(panelA, packedB, kc, c[(i0 * n + j0)..], n);
            else
            {
                // An edge tile goes through a full-size copy, so the kernel never reads or writes outside C.
                tile.Clear();
                for (int r = 0; r < mr; r++) c.Slice((i0 + r) * n + j0, nr).CopyTo(tile.Slice(r * NR));
                MicroKernel(panelA, packedB, kc, tile, NR);
                for (int r = 0; r < mr; r++) tile.Slice(r * NR, nr).CopyTo(c.Slice((i0 + r) * n + j0));
            }
        }
    }

    // C[r, j] += Σ_p packedA[p, r] · packedB[p, j] for the MR x NR tile at the start of c, whose rows are
    // rowStride apart: one fused multiply-add per step p, in increasing p.
    private static void MicroKernel(ReadOnlySpan<float> packedA, ReadOnlySpan<float> packedB, int kc, Span<float> c, int rowStride)
    {
        // Without AVX-512 hardware Vector512 is emulated, so AVX2 machines take the 256-bit kernel.
        if (Vector512.IsHardwareAccelerated)
            MicroKernel512(packedA, packedB, kc, c, rowStride);
        else
        {
            MicroKernel256(packedA, packedB, kc, c, rowStride, firstColumn: 0);
            MicroKernel256(packedA, packedB, kc, c, rowStride, firstColumn: 16);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel512(ReadOnlySpan<float> packedA, ReadOnlySpan<float> packedB, int kc, Span<float> c, int rowStride)
    {
        ref float a = ref MemoryMarshal.GetReference(packedA);
        ref float b = ref MemoryMarshal.GetReference(packedB);
        ref float c0 = ref MemoryMarshal.GetReference(c);
        ref float c1 = ref Unsafe.Add(ref c0, rowStride);
        ref float c2 = ref Unsafe.Add(ref c1, rowStride);
        ref float c3 = ref Unsafe.Add(ref c2, rowStride);
        var c00 = Vector512.LoadUnsafe(ref c0); var c01 = Vector512.LoadUnsafe(ref c0, 16);
        var c10 = Vector512.LoadUnsafe(ref c1); var c11 = Vector512.LoadUnsafe(ref c1, 16);
        var c20 = Vector512.LoadUnsafe(ref c2); var c21 = Vector512.LoadUnsafe(ref c2, 16);
        var c30 = Vector512.LoadUnsafe(ref c3); var c31 = Vector512.LoadUnsafe(ref c3, 16);
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b); var b1 = Vector512.LoadUnsafe(ref b, 16);
            var a0 = Vector512.Create(a); var a1 = Vector512.Create(Unsafe.Add(ref a, 1));
            var a2 = Vector512.Create(Unsafe.Add(ref a, 2)); var a3 = Vector512.Create(Unsafe.Add(ref a, 3));
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            // Step the references instead of indexing: it keeps the loop free of address arithmetic.
            a = ref Unsafe.Add(ref a, MR);
            b = ref Unsafe.Add(ref b, NR);
        }
        c00.StoreUnsafe(ref c0); c01.StoreUnsafe(ref c0, 16);
        c10.StoreUnsafe(ref c1); c11.StoreUnsafe(ref c1, 16);
        c20.StoreUnsafe(ref c2); c21.StoreUnsafe(ref c2, 16);
        c30.StoreUnsafe(ref c3); c31.StoreUnsafe(ref c3, 16);
    }

    // The same for 16 of the tile's 32 columns in 256-bit registers: eight accumulators, two loads of B
    // and four broadcasts of A per step fit in AVX2's sixteen registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel256(ReadOnlySpan<float> packedA, ReadOnlySpan<float> packedB, int kc, Span<float> c, int rowStride, int firstColumn)
    {
        ref float a = ref MemoryMarshal.GetReference(packedA);
        ref float b = ref Unsafe.Add(ref MemoryMarshal.GetReference(packedB), firstColumn);
        ref float c0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(c), firstColumn);
        ref float c1 = ref Unsafe.Add(ref c0, rowStride);
        ref float c2 = ref Unsafe.Add(ref c1, rowStride);
        ref float c3 = ref Unsafe.Add(ref c2, rowStride);
        var c00 = Vector256.LoadUnsafe(ref c0); var c01 = Vector256.LoadUnsafe(ref c0, 8);
        var c10 = Vector256.LoadUnsafe(ref c1); var c11 = Vector256.LoadUnsafe(ref c1, 8);
        var c20 = Vector256.LoadUnsafe(ref c2); var c21 = Vector256.LoadUnsafe(ref c2, 8);
        var c30 = Vector256.LoadUnsafe(ref c3); var c31 = Vector256.LoadUnsafe(ref c3, 8);
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b); var b1 = Vector256.LoadUnsafe(ref b, 8);
            var a0 = Vector256.Create(a); var a1 = Vector256.Create(Unsafe.Add(ref a, 1));
            var a2 = Vector256.Create(Unsafe.Add(ref a, 2)); var a3 = Vector256.Create(Unsafe.Add(ref a, 3));
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00); c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10); c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20); c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30); c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            a = ref Unsafe.Add(ref a, MR);
            b = ref Unsafe.Add(ref b, NR);
        }
        c00.StoreUnsafe(ref c0); c01.StoreUnsafe(ref c0, 8);
        c10.StoreUnsafe(ref c1); c11.StoreUnsafe(ref c1, 8);
        c20.StoreUnsafe(ref c2); c21.StoreUnsafe(ref c2, 8);
        c30.StoreUnsafe(ref c3); c31.StoreUnsafe(ref c3, 8);
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
