using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

[Collection(nameof(EngineSwitches))]
public class GemmTests
{
    // Sizes around every blocking edge: tiles (4, 6, 12 rows; 16, 32 columns), blocks (144 rows, 256 depths, 512 columns).
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 2, 3, 4 }, { 4, 2, 4 }, { 5, 7, 3 }, { 6, 9, 16 }, { 7, 25, 33 }, { 12, 32, 32 }, { 13, 17, 31 },
        { 16, 150, 100 }, { 25, 1, 47 }, { 32, 144, 64 }, { 64, 400, 120 }, { 150, 16, 100 }, { 145, 257, 65 },
        { 3, 300, 530 }, { 290, 70, 20 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_element_is_one_fused_multiply_add_chain_in_increasing_depth(int m, int k, int n)
    {
        foreach (bool use512 in EngineSwitches.Widths)
            foreach (var (transposeA, transposeB) in new[] { (false, false), (true, false), (false, true), (true, true) })
                foreach (bool accumulate in new[] { false, true })
                {
                    var (a, b, c) = Operands(m, k, n, seed: m * 1000 + k * 10 + n);
                    var expected = Chains(a, transposeA, b, transposeB, c, m, k, n, accumulate);
                    using (EngineSwitches.Set(use512, threads: 1))
                        Gemm.Multiply(a, transposeA, b, transposeB, c, m, k, n, accumulate);
                    Assert.True(expected.AsSpan().SequenceEqual(c),
                        $"{(use512 ? 512 : 256)}-bit kernels, transposeA {transposeA}, transposeB {transposeB}, accumulate {accumulate}: " +
                        $"first difference at {FirstDifference(expected, c)}");
                }
    }

    [Fact]
    public void The_product_matches_a_double_precision_sum()
    {
        // An independent check of the chains above: the textbook sum in double, within float rounding.
        const int m = 37, k = 300, n = 45;
        var (a, b, c) = Operands(m, k, n, seed: 7);
        Gemm.Multiply(a, b, c, m, k, n);
        var expected = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += (double)a[i * k + p] * b[p * n + j];
                expected[i * n + j] = (float)sum;
            }
        Close.Check(expected, c, tolerance: 1e-4, what: "A·B");
    }

    [Fact]
    public void A_hand_worked_product_with_a_transposed_operand()
    {
        // [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]]; B given as its transpose [[5, 7], [6, 8]].
        var c = new float[4];
        Gemm.Multiply([1, 2, 3, 4], transposeA: false, [5, 7, 6, 8], transposeB: true, c, 2, 2, 2);
        Assert.Equal([19f, 22f, 43f, 50f], c);
    }

    [Theory]
    [InlineData(300, 200, 180)] // many rows: blocks of rows in parallel, B packed once for all
    [InlineData(60, 300, 700)]  // few rows, many columns: blocks of columns in parallel
    [InlineData(1, 9, 65536)]   // one filter over a large image, as an im2col product
    public void One_two_and_three_threads_give_bit_identical_products(int m, int k, int n)
    {
        foreach (bool use512 in EngineSwitches.Widths)
        {
            float[]? first = null;
            foreach (int threads in new[] { 1, 2, 3 })
                foreach (bool accumulate in new[] { false, true })
                {
                    var (a, b, c) = Operands(m, k, n, seed: 3);
                    using (EngineSwitches.Set(use512, threads))
                        Gemm.MultiplyInParallel(a, b, c, m, k, n, accumulate: accumulate);
                    if (!accumulate) first ??= c;
                    var expected = Chains(a, false, b, false, Operands(m, k, n, seed: 3).C, m, k, n, accumulate);
                    Assert.True(expected.AsSpan().SequenceEqual(c), $"{threads} thread(s), {(use512 ? 512 : 256)}-bit, accumulate {accumulate}: first difference at {FirstDifference(expected, c)}");
                }
            Assert.NotNull(first);
        }
    }

    [Fact]
    public void A_product_allocates_nothing_once_its_buffers_have_grown()
    {
        var (a, b, c) = Operands(150, 300, 530, seed: 9);
        using (EngineSwitches.Set(use512: true, threads: 1))
        {
            Gemm.Multiply(a, transposeA: true, b, transposeB: true, c, 150, 300, 530); // grows this thread's packing buffers
            long before = GC.GetAllocatedBytesForCurrentThread();
            Gemm.Multiply(a, transposeA: true, b, transposeB: true, c, 150, 300, 530);
            Gemm.Multiply(a, b, c, 150, 300, 530, accumulate: true);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void Operands_too_small_for_the_shape_are_refused_with_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], new float[6], new float[6], 2, 3, 2));
        Assert.Contains("[2, 3] · [3, 2]", error.Message);
        Assert.Contains("got 5, 6 and 6", error.Message);
    }

    // The definition the kernels must follow exactly: C[i, j] = fma(A[i, p], B[p, j], ...) for p = 0, 1, ..., k-1,
    // starting from C (accumulate) or 0.
    private static float[] Chains(float[] a, bool transposeA, float[] b, bool transposeB, float[] c, int m, int k, int n, bool accumulate)
    {
        var result = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++)
                    sum = MathF.FusedMultiplyAdd(transposeA ? a[p * m + i] : a[i * k + p], transposeB ? b[j * k + p] : b[p * n + j], sum);
                result[i * n + j] = sum;
            }
        return result;
    }

    private static (float[] A, float[] B, float[] C) Operands(int m, int k, int n, int seed) =>
        (Tensor.Randn([m * k], seed: seed).ToArray(), Tensor.Randn([k * n], seed: seed + 1).ToArray(), Tensor.Randn([m * n], seed: seed + 2).ToArray());

    private static string FirstDifference(float[] expected, float[] actual)
    {
        int i = 0;
        while (i < expected.Length && expected[i].Equals(actual[i])) i++;
        return i == expected.Length ? "none" : $"{i}: {actual[i]} instead of {expected[i]}";
    }
}
