namespace DeepImaging.Engine;

// The convolution's products: B made of windows of one array, A (the weights) packed once for all the images.
internal static partial class Gemm
{
    /// <summary>The values <see cref="PackLeft"/> writes for an [m, k] matrix.</summary>
    public static int PackedLeftLength(int m, int k)
    {
        int length = 0;
        for (int p0 = 0; p0 < k; p0 += KC)
            for (int i0 = 0; i0 < m; i0 += MC) length += GemmPacking.PaddedRows(Math.Min(MC, m - i0)) * Math.Min(KC, k - p0);
        return length;
    }

    /// <summary>
    /// A [m, k] packed once for several products with it (<see cref="MultiplyShifted"/>): its blocks in the order the
    /// product takes them. A convolution packs its weights once per call instead of once per image. With
    /// <paramref name="transposed"/>, A is the transpose of the [k, m] matrix stored in <paramref name="a"/>.
    /// </summary>
    public static void PackLeft(ReadOnlySpan<float> a, int m, int k, Span<float> packed, bool transposed = false)
    {
        if ((long)m * k > a.Length || packed.Length < PackedLeftLength(m, k))
            throw new ArgumentException($"Gemm: A [{m}, {k}] in {a.Length} values, packed into {packed.Length} (needs {PackedLeftLength(m, k)}).");
        int offset = 0;
        for (int p0 = 0; p0 < k; p0 += KC)
            for (int i0 = 0; i0 < m; i0 += MC)
            {
                int kc = Math.Min(KC, k - p0), mc = Math.Min(MC, m - i0), length = GemmPacking.PaddedRows(mc) * kc;
                GemmPacking.PackA(a, transposed, lda: transposed ? m : k, i0, mc, p0, kc, packed.Slice(offset, length));
                offset += length;
            }
    }

    /// <summary>
    /// C[m, n] = A[m, k] · B on this thread, with A as <see cref="PackLeft"/> packed it, and B made of windows of one
    /// array: row p of B is source[starts[p] .. starts[p] + n). A convolution is such a product: each row of its im2col
    /// matrix is a window of the padded image (see <see cref="ShiftedImage"/>), so no im2col matrix needs to be written,
    /// and the micro-kernels read the windows in place (<see cref="WindowPanel"/>) instead of packed panels of them.
    /// </summary>
    public static void MultiplyShifted(ReadOnlySpan<float> packedA, ReadOnlySpan<float> source, ReadOnlySpan<int> starts, Span<float> c, int m, int k, int n)
    {
        var product = new Product(m, k, n, TransposeA: false, TransposeB: false);
        product.Check(int.MaxValue, int.MaxValue, c.Length);
        if (packedA.Length < PackedLeftLength(m, k))
            throw new ArgumentException($"Gemm: packed A holds {packedA.Length} values; [{m}, {k}] packs into {PackedLeftLength(m, k)}.");
        if (starts.Length < k)
            throw new ArgumentException($"Gemm: {k} windows of B need {k} starts; got {starts.Length}.");
        foreach (int start in starts[..k])
            if (start < 0 || (long)start + n > source.Length)
                throw new ArgumentException($"Gemm: a window of B starting at {start} with {n} values does not fit in {source.Length} values.");
        Blocked(packedA, source, starts, c, product, accumulate: false, prepacked: true);
    }
}
