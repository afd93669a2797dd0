using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>
/// Dot products of rows with windows of one array, without packing anything:
/// <code>sums[o, r] (+)= Σ over c of rows[o, c] · source[starts[r] + c]</code>
/// This is the convolution's weight gradient dW = dOut · columnsᵀ when the rows are dOut and the windows are the rows of
/// the im2col matrix read in place (see <see cref="ShiftedImage"/>). A matrix product would first have to transpose
/// every window into packed panels, which for the few output channels of a course network costs more than the
/// multiply-adds. Here both operands are read as they lie, <see cref="Lanes"/> columns at a time: each lane sums its own
/// columns with fused multiply-adds, then the lanes are added in a fixed order. The AVX-512 path (one register of 16
/// lanes) and the AVX2 path (two registers of 8) do exactly that, so they agree bit for bit.
/// </summary>
internal static class WindowDots
{
    /// <summary>Columns taken at a time; the rows and windows are read in whole runs of this many values.</summary>
    public const int Lanes = 16;

    /// <summary>The row length to use for <paramref name="columns"/> columns: a whole number of <see cref="Lanes"/>.</summary>
    public static long Pitch(long columns) => (columns + Lanes - 1) / Lanes * Lanes;

    /// <summary>
    /// sums[o · windows + r] = (or += with <paramref name="accumulate"/>) the dot product of row o of
    /// <paramref name="rows"/> ([<paramref name="rowCount"/>, <paramref name="pitch"/>]) with the
    /// <paramref name="pitch"/> values of <paramref name="source"/> from starts[r]. Columns a caller does not want
    /// counted must hold 0 in the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> rows, int rowCount, int pitch, ReadOnlySpan<float> source, ReadOnlySpan<int> starts, Span<float> sums, bool accumulate)
    {
        if (pitch % Lanes != 0 || (long)rowCount * pitch > rows.Length || (long)rowCount * starts.Length > sums.Length)
            throw new ArgumentException($"WindowDots: {rowCount} rows of {pitch} (a multiple of {Lanes}) in {rows.Length} values, {rowCount} x {starts.Length} sums in {sums.Length}.");
        foreach (int start in starts)
            if (start < 0 || (long)start + pitch > source.Length)
                throw new ArgumentException($"WindowDots: a window starting at {start} with {pitch} values does not fit in {source.Length} values.");
        if (rowCount == 0 || starts.IsEmpty) return;
        ref float a = ref MemoryMarshal.GetReference(rows);
        ref float s = ref MemoryMarshal.GetReference(source);
        var result = sums[..(rowCount * starts.Length)];
        // Tiles of 4 rows x 6 windows (AVX-512: 24 of its 32 registers accumulate) or 2 x 3 (AVX2: 12 of 16, each two
        // halves); at the edges the last row or window is repeated and its sums are dropped.
        int height = Simd.Use512 ? 4 : 2, windows = Simd.Use512 ? 6 : 3;
        Span<float> tile = stackalloc float[4 * 6];
        for (int o = 0; o < rowCount; o += height)
        {
            ref float a0 = ref Unsafe.Add(ref a, o * pitch);
            ref float a1 = ref Unsafe.Add(ref a, Math.Min(o + 1, rowCount - 1) * pitch);
            ref float a2 = ref Unsafe.Add(ref a, Math.Min(o + 2, rowCount - 1) * pitch);
            ref float a3 = ref Unsafe.Add(ref a, Math.Min(o + 3, rowCount - 1) * pitch);
            for (int r = 0; r < starts.Length; r += windows)
            {
                int last = starts.Length - 1;
                if (Simd.Use512)
                    Tile4x6(ref a0, ref a1, ref a2, ref a3, ref s, starts[r], starts[Math.Min(r + 1, last)], starts[Math.Min(r + 2, last)],
                        starts[Math.Min(r + 3, last)], starts[Math.Min(r + 4, last)], starts[Math.Min(r + 5, last)], pitch, tile);
                else
                    Tile2x3(ref a0, ref a1, ref s, starts[r], starts[Math.Min(r + 1, last)], starts[Math.Min(r + 2, last)], pitch, tile);
                for (int i = 0; i < height && o + i < rowCount; i++)
                    for (int j = 0; j < windows && r + j < starts.Length; j++)
                    {
                        ref float sum = ref result[(o + i) * starts.Length + r + j];
                        sum = accumulate ? sum + tile[i * windows + j] : tile[i * windows + j];
                    }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x6(ref float a0, ref float a1, ref float a2, ref float a3, ref float s, int w0, int w1, int w2, int w3, int w4, int w5, int pitch, Span<float> tile)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default,
            c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default,
            c20 = default, c21 = default, c22 = default, c23 = default, c24 = default, c25 = default,
            c30 = default, c31 = default, c32 = default, c33 = default, c34 = default, c35 = default;
        for (int c = 0; c < pitch; c += Lanes)
        {
            var x0 = Vector512.LoadUnsafe(ref a0, (nuint)c);
            var x1 = Vector512.LoadUnsafe(ref a1, (nuint)c);
            var x2 = Vector512.LoadUnsafe(ref a2, (nuint)c);
            var x3 = Vector512.LoadUnsafe(ref a3, (nuint)c);
            (c00, c10, c20, c30) = FourRows(x0, x1, x2, x3, Vector512.LoadUnsafe(ref s, (nuint)(w0 + c)), c00, c10, c20, c30);
            (c01, c11, c21, c31) = FourRows(x0, x1, x2, x3, Vector512.LoadUnsafe(ref s, (nuint)(w1 + c)), c01, c11, c21, c31);
            (c02, c12, c22, c32) = FourRows(x0, x1, x2, x3, Vector512.LoadUnsafe(ref s, (nuint)(w2 + c)), c02, c12, c22, c32);
            (c03, c13, c23, c33) = FourRows(x0, x1, x2, x3, Vector512.LoadUnsafe(ref s, (nuint)(w3 + c)), c03, c13, c23, c33);
            (c04, c14, c24, c34) = FourRows(x0, x1, x2, x3, Vector512.LoadUnsafe(ref s, (nuint)(w4 + c)), c04, c14, c24, c34);
            (c05, c15, c25, c35) = FourRows(x0, x1, x2, x3, Vector512.LoadUnsafe(ref s, (nuint)(w5 + c)), c05, c15, c25, c35);
        }
        tile[0] = Sum(c00); tile[1] = Sum(c01); tile[2] = Sum(c02); tile[3] = Sum(c03); tile[4] = Sum(c04); tile[5] = Sum(c05);
        tile[6] = Sum(c10); tile[7] = Sum(c11); tile[8] = Sum(c12); tile[9] = Sum(c13); tile[10] = Sum(c14); tile[11] = Sum(c15);
        tile[12] = Sum(c20); tile[13] = Sum(c21); tile[14] = Sum(c22); tile[15] = Sum(c23); tile[16] = Sum(c24); tile[17] = Sum(c25);
        tile[18] = Sum(c30); tile[19] = Sum(c31); tile[20] = Sum(c32); tile[21] = Sum(c33); tile[22] = Sum(c34); tile[23] = Sum(c35);
    }

    // The same sums with each 16-lane accumulator held as two 8-lane halves: lanes 0-7 (c..) and lanes 8-15 (h..). Each
    // half of the two rows is loaded once and used for all three windows: 5 loads for 6 multiply-adds.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile2x3(ref float a0, ref float a1, ref float s, int w0, int w1, int w2, int pitch, Span<float> tile)
    {
        Vector256<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default,
            h00 = default, h01 = default, h02 = default, h10 = default, h11 = default, h12 = default;
        for (int c = 0; c < pitch; c += Lanes)
        {
            var x0 = Vector256.LoadUnsafe(ref a0, (nuint)c);
            var x1 = Vector256.LoadUnsafe(ref a1, (nuint)c);
            (c00, c10) = BothRows(x0, x1, Vector256.LoadUnsafe(ref s, (nuint)(w0 + c)), c00, c10);
            (c01, c11) = BothRows(x0, x1, Vector256.LoadUnsafe(ref s, (nuint)(w1 + c)), c01, c11);
            (c02, c12) = BothRows(x0, x1, Vector256.LoadUnsafe(ref s, (nuint)(w2 + c)), c02, c12);
            int h = c + Lanes / 2;
            x0 = Vector256.LoadUnsafe(ref a0, (nuint)h);
            x1 = Vector256.LoadUnsafe(ref a1, (nuint)h);
            (h00, h10) = BothRows(x0, x1, Vector256.LoadUnsafe(ref s, (nuint)(w0 + h)), h00, h10);
            (h01, h11) = BothRows(x0, x1, Vector256.LoadUnsafe(ref s, (nuint)(w1 + h)), h01, h11);
            (h02, h12) = BothRows(x0, x1, Vector256.LoadUnsafe(ref s, (nuint)(w2 + h)), h02, h12);
        }
        tile[0] = Sum(c00 + h00); tile[1] = Sum(c01 + h01); tile[2] = Sum(c02 + h02);
        tile[3] = Sum(c10 + h10); tile[4] = Sum(c11 + h11); tile[5] = Sum(c12 + h12);
    }

    // One window against four rows: each sum one fused multiply-add per lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float>, Vector512<float>, Vector512<float>, Vector512<float>) FourRows(Vector512<float> x0, Vector512<float> x1,
        Vector512<float> x2, Vector512<float> x3, Vector512<float> window, Vector512<float> sum0, Vector512<float> sum1, Vector512<float> sum2, Vector512<float> sum3) =>
        (Vector512.FusedMultiplyAdd(x0, window, sum0), Vector512.FusedMultiplyAdd(x1, window, sum1),
         Vector512.FusedMultiplyAdd(x2, window, sum2), Vector512.FusedMultiplyAdd(x3, window, sum3));

    // One window against both rows (AVX2 halves): each sum one fused multiply-add per lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float>, Vector256<float>) BothRows(Vector256<float> x0, Vector256<float> x1, Vector256<float> window, Vector256<float> sum0, Vector256<float> sum1) =>
        (Vector256.FusedMultiplyAdd(x0, window, sum0), Vector256.FusedMultiplyAdd(x1, window, sum1));

    // The 16 lanes added in one fixed order: the halves lane by lane, then the quarters, then the last four in pairs.
    private static float Sum(Vector512<float> lanes) => Sum(lanes.GetLower() + lanes.GetUpper());

    private static float Sum(Vector256<float> halves)
    {
        var quarters = halves.GetLower() + halves.GetUpper();
        return (quarters.GetElement(0) + quarters.GetElement(1)) + (quarters.GetElement(2) + quarters.GetElement(3));
    }
}
