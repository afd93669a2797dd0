using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepImaging.Engine;

/// <summary>
/// Single-precision matrix multiply C = A·B (row-major; either operand may be stored transposed), the work-horse behind
/// MatMul, Linear and Conv2d. It follows the GotoBLAS recipe in miniature:
/// <list type="bullet">
/// <item>cache blocking: B is cut into blocks of <see cref="KC"/> x <see cref="NC"/> and A into blocks of
/// <see cref="MC"/> x <see cref="KC"/>; a KC-deep panel of B stays in the L1 cache while the rows of an A block stream past;</item>
/// <item>packing (<see cref="GemmPacking"/>): the blocks are copied into contiguous, zero-padded panels, so the kernel
/// never deals with edges, strides or transposes;</item>
/// <item>register blocking (<see cref="GemmMicroKernel"/>): a tile of C stays in registers, one fused multiply-add per
/// register for every step along the depth.</item>
/// </list>
/// Every element of C is one chain of fused multiply-adds in increasing depth (starting from 0, or from C when
/// accumulating), computed by one thread, whatever the blocking, the register width or the number of threads: results
/// are bit-identical on any machine with FMA and for any number of cores.
/// </summary>
internal static partial class Gemm
{
    private const int KC = 256;   // depth of a packed panel: 32 KB of B per 32-column panel, in the L1 cache
    private const int MC = 144;   // rows of a packed block of A: 12 tiles of 12 rows (24 of 6), 144 KB, in the L2 cache
    private const int NC = 2048;  // columns of a packed block of B (2 MB): wide, so that A is packed once for most products
    private const long TinyWork = 512;             // products of at most this many multiply-adds skip packing
    private const long ParallelWork = 1L << 22;    // and from this many they are split over the cores (about 40 µs of work)

    /// <summary>C[m, n] = A[m, k] · B[k, n] on this thread, or C += A·B when <paramref name="accumulate"/> is true.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false) =>
        Multiply(a, transposeA: false, b, transposeB: false, c, m, k, n, accumulate);

    /// <summary>
    /// C[m, n] = op(A) · op(B) on this thread (or C += ... when <paramref name="accumulate"/> is true), where op(A) is
    /// A [m, k], or, when <paramref name="transposeA"/>, the transpose of the [k, m] matrix stored in <paramref name="a"/>;
    /// likewise B [k, n] or the transpose of a stored [n, k].
    /// </summary>
    public static void Multiply(ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, bool transposeB, Span<float> c,
        int m, int k, int n, bool accumulate = false)
    {
        var product = new Product(m, k, n, transposeA, transposeB);
        product.Check(a.Length, b.Length, c.Length);
        if (product.Work <= TinyWork && k > 0)
            Tiny(a, b, c, product, accumulate);
        else
            Blocked(a, b, rowStarts: default, c, product, accumulate);
    }

    // The packed, blocked product (B from b as stored, or, with rowStarts, from windows of b: see MultiplyShifted; A as
    // stored, or already packed by PackLeft).
    private static void Blocked(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<int> rowStarts, Span<float> c, Product product, bool accumulate, bool prepacked = false)
    {
        int m = product.M, k = product.K, n = product.N;
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }
        var packedA = prepacked ? default : Scratch.PackedA(GemmPacking.PaddedRows(Math.Min(m, MC)) * Math.Min(k, KC));
        var packedB = Scratch.PackedB(GemmPacking.PaddedColumns(Math.Min(n, NC)) * Math.Min(k, KC));
        ReadOnlySpan<float> blockA;
        for (int j0 = 0; j0 < n; j0 += NC)
        {
            int nc = Math.Min(NC, n - j0), offsetA = 0; // where the next prepacked block of A starts
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                int kc = Math.Min(KC, k - p0);
                var windowStarts = rowStarts.IsEmpty ? default : rowStarts.Slice(p0, kc);
                if (rowStarts.IsEmpty) GemmPacking.PackB(b, product.TransposeB, product.Ldb, p0, kc, j0, nc, packedB);
                else if (nc % GemmMicroKernel.Columns != 0)
                {
                    // The windows are read in place, but a last, narrower panel is packed (zero-padded): the kernel
                    // reads whole rows of its width, which could run past the end of the array.
                    int last = nc - nc % GemmMicroKernel.Columns;
                    GemmPacking.PackShifted(b, rowStarts, p0, kc, j0 + last, nc - last, packedB[(last * kc)..]);
                }
                for (int i0 = 0; i0 < m; i0 += MC)
                {
                    int mc = Math.Min(MC, m - i0), length = GemmPacking.PaddedRows(mc) * kc;
                    if (prepacked)
                    {
                        blockA = a.Slice(offsetA, length);
                        offsetA += length;
                    }
                    else
                    {
                        GemmPacking.PackA(a, product.TransposeA, product.Lda, i0, mc, p0, kc, packedA);
                        blockA = packedA;
                    }
                    Block(blockA, packedB, b, windowStarts, c, n, i0, mc, j0, nc, kc, load: accumulate || p0 > 0);
                }
            }
        }
    }

    /// <summary>
    /// The same product on arrays (slices of them), which lets a large product run on every core: the rows (or, for
    /// few rows, the columns) are cut into fixed blocks, one task each. Small products, and any product on a single
    /// core, run on this thread. Each element is still computed by one chain on one thread, so the result does not
    /// depend on the number of threads.
    /// </summary>
    public static void MultiplyInParallel(ArraySegment<float> a, ArraySegment<float> b, ArraySegment<float> c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        var product = new Product(m, k, n, transposeA, transposeB);
        if (!Threads.Parallel || product.Work < ParallelWork)
        {
            Multiply(a, transposeA, b, transposeB, c, m, k, n, accumulate);
            return;
        }
        product.Check(a.Count, b.Count, c.Count);
        if (m > MC) RowBlocksInParallel(a, b, c, product, accumulate);
        else ColumnBlocksInParallel(a, b, c, product, accumulate);
    }

    // Many rows: for each block of B, pack it once (its panels in parallel), then give each block of MC rows to a task,
    // which packs its rows of A and multiplies them by the shared packed B.
    private static void RowBlocksInParallel(ArraySegment<float> a, ArraySegment<float> b, ArraySegment<float> c, Product product, bool accumulate)
    {
        int m = product.M, k = product.K, n = product.N;
        const int PanelsPerTask = 4;
        int width = GemmMicroKernel.Columns, rowBlocks = (m + MC - 1) / MC;
        // This thread's buffer, shared by the tasks (each packs its rows of A into its own thread's PackedA).
        var packedB = Scratch.PackedB(GemmPacking.PaddedColumns(Math.Min(n, NC)) * Math.Min(k, KC));
        for (int j0 = 0; j0 < n; j0 += NC)
        {
            int nc = Math.Min(NC, n - j0), panels = (nc + width - 1) / width;
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                int kc = Math.Min(KC, k - p0);
                bool load = accumulate || p0 > 0;
                Threads.For((panels + PanelsPerTask - 1) / PanelsPerTask, task =>
                {
                    int first = task * PanelsPerTask * width, columns = Math.Min(PanelsPerTask * width, nc - first);
                    GemmPacking.PackB(b, product.TransposeB, product.Ldb, p0, kc, j0 + first, columns, packedB.AsSpan(first * kc));
                });
                Threads.For(rowBlocks, block =>
                {
                    int i0 = block * MC, mc = Math.Min(MC, m - i0);
                    var packedA = Scratch.PackedA(GemmPacking.PaddedRows(mc) * kc);
                    GemmPacking.PackA(a, product.TransposeA, product.Lda, i0, mc, p0, kc, packedA);
                    Block(packedA, packedB, default, default, c, n, i0, mc, j0, nc, kc, load);
                });
            }
        }
    }

    // Few rows, many columns (such as one filter over a large image): each task takes a fixed block of columns and packs
    // its own part of B and all of A (at most MC rows).
    private static void ColumnBlocksInParallel(ArraySegment<float> a, ArraySegment<float> b, ArraySegment<float> c, Product product, bool accumulate)
    {
        int m = product.M, k = product.K, n = product.N;
        const int TaskColumns = 256;
        Threads.For((n + TaskColumns - 1) / TaskColumns, task =>
        {
            int j0 = task * TaskColumns, nc = Math.Min(TaskColumns, n - j0);
            var packedA = Scratch.PackedA(GemmPacking.PaddedRows(m) * Math.Min(k, KC));
            var packedB = Scratch.PackedB(GemmPacking.PaddedColumns(nc) * Math.Min(k, KC));
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                int kc = Math.Min(KC, k - p0);
                GemmPacking.PackB(b, product.TransposeB, product.Ldb, p0, kc, j0, nc, packedB);
                GemmPacking.PackA(a, product.TransposeA, product.Lda, 0, m, p0, kc, packedA);
                Block(packedA, packedB, default, default, c, n, 0, m, j0, nc, kc, load: accumulate || p0 > 0);
            }
        });
    }

    // C[i0..i0+mc, j0..j0+nc] (+)= packed A block · B block, one kernel call per tile. B's panels are packed, or, when
    // windowStarts is given, read in place from the windows of `windows` (see MultiplyShifted), all but a last, narrower
    // one, which is packed. The B panel is the outer loop, so it stays in the L1 cache while the row tiles of A pass by.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(ReadOnlySpan<float> packedA, Span<float> packedB, ReadOnlySpan<float> windows, ReadOnlySpan<int> windowStarts,
        Span<float> c, int ldc, int i0, int mc, int j0, int nc, int kc, bool load)
    {
        int width = GemmMicroKernel.Columns;
        for (int jq = 0; jq < nc; jq += width)
        {
            int columns = Math.Min(width, nc - jq);
            bool inPlace = !windowStarts.IsEmpty && columns == width;
            ref float panelB = ref packedB[jq * kc];
            int offsetA = 0;
            for (int r0 = 0; r0 < mc; )
            {
                int height = GemmPacking.BlockHeight(mc - r0), rows = Math.Min(height, mc - r0);
                ref float panelA = ref Unsafe.AsRef(in packedA[offsetA]);
                var target = c.Slice((i0 + r0) * ldc + j0 + jq);
                // A full-width tile always fits (C holds m·n values), so only a narrower, packed panel reaches EdgeTile.
                if (columns == width && target.Length >= (rows - 1) * ldc + width)
                {
                    ref float tile = ref MemoryMarshal.GetReference(target);
                    if (inPlace)
                        GemmMicroKernel.Run(height, rows, ref panelA, new WindowPanel(ref MemoryMarshal.GetReference(windows),
                            ref MemoryMarshal.GetReference(windowStarts), j0 + jq), kc, ref tile, ldc, load);
                    else
                        GemmMicroKernel.Run(height, rows, ref panelA, new PackedPanel(ref panelB, width), kc, ref tile, ldc, load);
                }
                else
                    EdgeTile(height, rows, columns, ref panelA, ref panelB, kc, target, ldc, load);
                offsetA += height * kc;
                r0 += height;
            }
        }
    }

    // A tile at the right edge of C, narrower than the kernel's: computed in a full-width copy, so that the kernel never
    // reads or writes past the end of a row of C.
    private static void EdgeTile(int height, int rows, int columns, ref float panelA, ref float panelB, int kc, Span<float> target, int ldc, bool load)
    {
        int width = GemmMicroKernel.Columns;
        Span<float> tile = Scratch.Tile(GemmMicroKernel.Rows * width);
        if (load)
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < columns; j++) tile[r * width + j] = target[r * ldc + j];
        GemmMicroKernel.Run(height, rows, ref panelA, new PackedPanel(ref panelB, width), kc, ref tile[0], width, load);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < columns; j++) target[r * ldc + j] = tile[r * width + j];
    }

    // Products too small to be worth packing (such as a 2-4-2 network on four samples): the same chains, one element at a time.
    private static void Tiny(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, Product product, bool accumulate)
    {
        int m = product.M, k = product.K, n = product.N;
        // Step between consecutive depths in A and B, and between rows of A / columns of B.
        int aStep = product.TransposeA ? m : 1, aRow = product.TransposeA ? 1 : k;
        int bStep = product.TransposeB ? 1 : n, bColumn = product.TransposeB ? k : 1;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++)
                    sum = MathF.FusedMultiplyAdd(a[i * aRow + p * aStep], b[j * bColumn + p * bStep], sum);
                c[i * n + j] = sum;
            }
    }

    /// <summary>The sizes of one product and how its operands are stored.</summary>
    private readonly record struct Product(int M, int K, int N, bool TransposeA, bool TransposeB)
    {
        /// <summary>The number of multiply-adds.</summary>
        public long Work => (long)M * K * N;

        /// <summary>The distance between rows of the stored A ([m, k], or [k, m] when transposed).</summary>
        public int Lda => TransposeA ? M : K;

        /// <summary>The distance between rows of the stored B ([k, n], or [n, k] when transposed).</summary>
        public int Ldb => TransposeB ? K : N;

        /// <summary>The kernels read and write without bounds checks, so the operands' sizes are checked here, once.</summary>
        public void Check(int aLength, int bLength, int cLength)
        {
            if (M < 0 || K < 0 || N < 0 || aLength < (long)M * K || bLength < (long)K * N || cLength < (long)M * N)
                throw new ArgumentException($"Gemm: a [{M}, {K}] · [{K}, {N}] product needs {(long)M * K}, {(long)K * N} and {(long)M * N} values; got {aLength}, {bLength} and {cLength}.");
        }
    }
}
