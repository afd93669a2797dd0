using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepImaging.Engine;

/// <summary>
/// The register-blocked inner kernels of <see cref="Gemm"/>: each computes one tile of C from a packed panel of A
/// (kc steps of <c>rows</c> values, [p][r]) and a panel of B (kc rows of NR values, packed or read in place from windows:
/// see <see cref="IPanelOfB"/>), keeping the whole tile in registers and doing one fused multiply-add per register per
/// step:
/// <code>C[r, j] = fma(A[r, p], B[p, j], C[r, j])  for p = 0, 1, ..., kc-1</code>
/// starting from C (<c>load</c>) or from zero. Every element is one such chain in increasing p, whatever the kernel,
/// so the 512-bit and 256-bit kernels give bit-identical results.
/// <list type="bullet">
/// <item>AVX-512 (32 registers): 12 x 32 tiles (24 accumulators, 2 loads of B, 12 broadcasts of A per step) and
/// 4 x 32 for the last rows;</item>
/// <item>AVX2 (16 registers): 6 x 16 tiles (12 accumulators) and 4 x 16.</item>
/// </list>
/// </summary>
internal static class GemmMicroKernel
{
    /// <summary>Rows of the main tile: 12 with AVX-512, 6 with AVX2.</summary>
    public static int Rows => Simd.Use512 ? 12 : 6;

    /// <summary>Rows of the tile for the last few rows of A (when at most this many are left).</summary>
    public const int EdgeRows = 4;

    /// <summary>Columns of every tile: two vectors (32 floats with AVX-512, 16 with AVX2).</summary>
    public static int Columns => Simd.Use512 ? 32 : 16;

    /// <summary>
    /// The tile of <paramref name="height"/> (<see cref="Rows"/> or <see cref="EdgeRows"/>) x <see cref="Columns"/> at
    /// <paramref name="c"/>, whose rows are <paramref name="ldc"/> apart. Only the first <paramref name="rows"/> rows of C
    /// are read and written (the others are padding at the bottom edge of the product).
    /// </summary>
    public static void Run<TPanel>(int height, int rows, ref float a, TPanel b, int kc, ref float c, int ldc, bool load)
        where TPanel : IPanelOfB, allows ref struct
    {
        if (Simd.Use512)
        {
            if (height == EdgeRows) Tile4x32(ref a, b, kc, ref c, ldc, rows, load);
            else Tile12x32(ref a, b, kc, ref c, ldc, rows, load);
        }
        else
        {
            if (height == EdgeRows) Tile4x16(ref a, b, kc, ref c, ldc, rows, load);
            else Tile6x16(ref a, b, kc, ref c, ldc, rows, load);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile12x32<TPanel>(ref float a, TPanel b, int kc, ref float c, int ldc, int rows, bool load)
        where TPanel : IPanelOfB, allows ref struct
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default,
            c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default,
            c90 = default, c91 = default, cA0 = default, cA1 = default, cB0 = default, cB1 = default;
        if (load)
        {
            ref float r = ref c;
            c00 = Vector512.LoadUnsafe(ref r); c01 = Vector512.LoadUnsafe(ref r, 16);
            if (rows > 1) { r = ref Unsafe.Add(ref r, ldc); c10 = Vector512.LoadUnsafe(ref r); c11 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 2) { r = ref Unsafe.Add(ref r, ldc); c20 = Vector512.LoadUnsafe(ref r); c21 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 3) { r = ref Unsafe.Add(ref r, ldc); c30 = Vector512.LoadUnsafe(ref r); c31 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 4) { r = ref Unsafe.Add(ref r, ldc); c40 = Vector512.LoadUnsafe(ref r); c41 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 5) { r = ref Unsafe.Add(ref r, ldc); c50 = Vector512.LoadUnsafe(ref r); c51 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 6) { r = ref Unsafe.Add(ref r, ldc); c60 = Vector512.LoadUnsafe(ref r); c61 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 7) { r = ref Unsafe.Add(ref r, ldc); c70 = Vector512.LoadUnsafe(ref r); c71 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 8) { r = ref Unsafe.Add(ref r, ldc); c80 = Vector512.LoadUnsafe(ref r); c81 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 9) { r = ref Unsafe.Add(ref r, ldc); c90 = Vector512.LoadUnsafe(ref r); c91 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 10) { r = ref Unsafe.Add(ref r, ldc); cA0 = Vector512.LoadUnsafe(ref r); cA1 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 11) { r = ref Unsafe.Add(ref r, ldc); cB0 = Vector512.LoadUnsafe(ref r); cB1 = Vector512.LoadUnsafe(ref r, 16); }
        }
        for (int p = 0; p < kc; p++)
        {
            ref float row = ref b.Row;
            var b0 = Vector512.LoadUnsafe(ref row);
            var b1 = Vector512.LoadUnsafe(ref row, 16);
            var x = Vector512.Create(a);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(Unsafe.Add(ref a, 6));
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(Unsafe.Add(ref a, 7));
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            x = Vector512.Create(Unsafe.Add(ref a, 8));
            c80 = Vector512.FusedMultiplyAdd(x, b0, c80); c81 = Vector512.FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(Unsafe.Add(ref a, 9));
            c90 = Vector512.FusedMultiplyAdd(x, b0, c90); c91 = Vector512.FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(Unsafe.Add(ref a, 10));
            cA0 = Vector512.FusedMultiplyAdd(x, b0, cA0); cA1 = Vector512.FusedMultiplyAdd(x, b1, cA1);
            x = Vector512.Create(Unsafe.Add(ref a, 11));
            cB0 = Vector512.FusedMultiplyAdd(x, b0, cB0); cB1 = Vector512.FusedMultiplyAdd(x, b1, cB1);
            // Step the references instead of indexing: it keeps the loop free of address arithmetic.
            a = ref Unsafe.Add(ref a, 12);
            b.Next();
        }
        ref float o = ref c;
        c00.StoreUnsafe(ref o); c01.StoreUnsafe(ref o, 16);
        if (rows > 1) { o = ref Unsafe.Add(ref o, ldc); c10.StoreUnsafe(ref o); c11.StoreUnsafe(ref o, 16); }
        if (rows > 2) { o = ref Unsafe.Add(ref o, ldc); c20.StoreUnsafe(ref o); c21.StoreUnsafe(ref o, 16); }
        if (rows > 3) { o = ref Unsafe.Add(ref o, ldc); c30.StoreUnsafe(ref o); c31.StoreUnsafe(ref o, 16); }
        if (rows > 4) { o = ref Unsafe.Add(ref o, ldc); c40.StoreUnsafe(ref o); c41.StoreUnsafe(ref o, 16); }
        if (rows > 5) { o = ref Unsafe.Add(ref o, ldc); c50.StoreUnsafe(ref o); c51.StoreUnsafe(ref o, 16); }
        if (rows > 6) { o = ref Unsafe.Add(ref o, ldc); c60.StoreUnsafe(ref o); c61.StoreUnsafe(ref o, 16); }
        if (rows > 7) { o = ref Unsafe.Add(ref o, ldc); c70.StoreUnsafe(ref o); c71.StoreUnsafe(ref o, 16); }
        if (rows > 8) { o = ref Unsafe.Add(ref o, ldc); c80.StoreUnsafe(ref o); c81.StoreUnsafe(ref o, 16); }
        if (rows > 9) { o = ref Unsafe.Add(ref o, ldc); c90.StoreUnsafe(ref o); c91.StoreUnsafe(ref o, 16); }
        if (rows > 10) { o = ref Unsafe.Add(ref o, ldc); cA0.StoreUnsafe(ref o); cA1.StoreUnsafe(ref o, 16); }
        if (rows > 11) { o = ref Unsafe.Add(ref o, ldc); cB0.StoreUnsafe(ref o); cB1.StoreUnsafe(ref o, 16); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x32<TPanel>(ref float a, TPanel b, int kc, ref float c, int ldc, int rows, bool load)
        where TPanel : IPanelOfB, allows ref struct
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        if (load)
        {
            ref float r = ref c;
            c00 = Vector512.LoadUnsafe(ref r); c01 = Vector512.LoadUnsafe(ref r, 16);
            if (rows > 1) { r = ref Unsafe.Add(ref r, ldc); c10 = Vector512.LoadUnsafe(ref r); c11 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 2) { r = ref Unsafe.Add(ref r, ldc); c20 = Vector512.LoadUnsafe(ref r); c21 = Vector512.LoadUnsafe(ref r, 16); }
            if (rows > 3) { r = ref Unsafe.Add(ref r, ldc); c30 = Vector512.LoadUnsafe(ref r); c31 = Vector512.LoadUnsafe(ref r, 16); }
        }
        for (int p = 0; p < kc; p++)
        {
            ref float row = ref b.Row;
            var b0 = Vector512.LoadUnsafe(ref row);
            var b1 = Vector512.LoadUnsafe(ref row, 16);
            var x = Vector512.Create(a);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            a = ref Unsafe.Add(ref a, 4);
            b.Next();
        }
        ref float o = ref c;
        c00.StoreUnsafe(ref o); c01.StoreUnsafe(ref o, 16);
        if (rows > 1) { o = ref Unsafe.Add(ref o, ldc); c10.StoreUnsafe(ref o); c11.StoreUnsafe(ref o, 16); }
        if (rows > 2) { o = ref Unsafe.Add(ref o, ldc); c20.StoreUnsafe(ref o); c21.StoreUnsafe(ref o, 16); }
        if (rows > 3) { o = ref Unsafe.Add(ref o, ldc); c30.StoreUnsafe(ref o); c31.StoreUnsafe(ref o, 16); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile6x16<TPanel>(ref float a, TPanel b, int kc, ref float c, int ldc, int rows, bool load)
        where TPanel : IPanelOfB, allows ref struct
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (load)
        {
            ref float r = ref c;
            c00 = Vector256.LoadUnsafe(ref r); c01 = Vector256.LoadUnsafe(ref r, 8);
            if (rows > 1) { r = ref Unsafe.Add(ref r, ldc); c10 = Vector256.LoadUnsafe(ref r); c11 = Vector256.LoadUnsafe(ref r, 8); }
            if (rows > 2) { r = ref Unsafe.Add(ref r, ldc); c20 = Vector256.LoadUnsafe(ref r); c21 = Vector256.LoadUnsafe(ref r, 8); }
            if (rows > 3) { r = ref Unsafe.Add(ref r, ldc); c30 = Vector256.LoadUnsafe(ref r); c31 = Vector256.LoadUnsafe(ref r, 8); }
            if (rows > 4) { r = ref Unsafe.Add(ref r, ldc); c40 = Vector256.LoadUnsafe(ref r); c41 = Vector256.LoadUnsafe(ref r, 8); }
            if (rows > 5) { r = ref Unsafe.Add(ref r, ldc); c50 = Vector256.LoadUnsafe(ref r); c51 = Vector256.LoadUnsafe(ref r, 8); }
        }
        for (int p = 0; p < kc; p++)
        {
            ref float row = ref b.Row;
            var b0 = Vector256.LoadUnsafe(ref row);
            var b1 = Vector256.LoadUnsafe(ref row, 8);
            var x = Vector256.Create(a);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, 6);
            b.Next();
        }
        ref float o = ref c;
        c00.StoreUnsafe(ref o); c01.StoreUnsafe(ref o, 8);
        if (rows > 1) { o = ref Unsafe.Add(ref o, ldc); c10.StoreUnsafe(ref o); c11.StoreUnsafe(ref o, 8); }
        if (rows > 2) { o = ref Unsafe.Add(ref o, ldc); c20.StoreUnsafe(ref o); c21.StoreUnsafe(ref o, 8); }
        if (rows > 3) { o = ref Unsafe.Add(ref o, ldc); c30.StoreUnsafe(ref o); c31.StoreUnsafe(ref o, 8); }
        if (rows > 4) { o = ref Unsafe.Add(ref o, ldc); c40.StoreUnsafe(ref o); c41.StoreUnsafe(ref o, 8); }
        if (rows > 5) { o = ref Unsafe.Add(ref o, ldc); c50.StoreUnsafe(ref o); c51.StoreUnsafe(ref o, 8); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x16<TPanel>(ref float a, TPanel b, int kc, ref float c, int ldc, int rows, bool load)
        where TPanel : IPanelOfB, allows ref struct
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        if (load)
        {
            ref float r = ref c;
            c00 = Vector256.LoadUnsafe(ref r); c01 = Vector256.LoadUnsafe(ref r, 8);
            if (rows > 1) { r = ref Unsafe.Add(ref r, ldc); c10 = Vector256.LoadUnsafe(ref r); c11 = Vector256.LoadUnsafe(ref r, 8); }
            if (rows > 2) { r = ref Unsafe.Add(ref r, ldc); c20 = Vector256.LoadUnsafe(ref r); c21 = Vector256.LoadUnsafe(ref r, 8); }
            if (rows > 3) { r = ref Unsafe.Add(ref r, ldc); c30 = Vector256.LoadUnsafe(ref r); c31 = Vector256.LoadUnsafe(ref r, 8); }
        }
        for (int p = 0; p < kc; p++)
        {
            ref float row = ref b.Row;
            var b0 = Vector256.LoadUnsafe(ref row);
            var b1 = Vector256.LoadUnsafe(ref row, 8);
            var x = Vector256.Create(a);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            a = ref Unsafe.Add(ref a, 4);
            b.Next();
        }
        ref float o = ref c;
        c00.StoreUnsafe(ref o); c01.StoreUnsafe(ref o, 8);
        if (rows > 1) { o = ref Unsafe.Add(ref o, ldc); c10.StoreUnsafe(ref o); c11.StoreUnsafe(ref o, 8); }
        if (rows > 2) { o = ref Unsafe.Add(ref o, ldc); c20.StoreUnsafe(ref o); c21.StoreUnsafe(ref o, 8); }
        if (rows > 3) { o = ref Unsafe.Add(ref o, ldc); c30.StoreUnsafe(ref o); c31.StoreUnsafe(ref o, 8); }
    }
}
