namespace DeepImaging.Tests.Tensors;

public class TensorTests
{
    [Fact]
    public void From_keeps_values_in_row_major_order_with_the_given_shape()
    {
        var t = Tensor.From([1f, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(new[] { 2, 3 }, t.Shape);
        Assert.Equal(6f, t[1, 2]);
        Assert.Equal(4f, t[1, 0]);
        Assert.Equal(2, t.Rank);
        Assert.Equal(6, t.Count);
    }

    [Fact]
    public void From_a_flat_array_without_shape_is_one_dimensional()
    {
        Assert.Equal(new[] { 3 }, Tensor.From([1f, 2, 3]).Shape);
    }

    [Fact]
    public void From_copies_the_data_so_later_changes_do_not_leak_in()
    {
        var data = new[] { 1f, 2 };
        var t = Tensor.From(data, 2);
        data[0] = 99;
        Assert.Equal(1f, t[0]);
    }

    [Fact]
    public void From_rectangular_arrays_reads_rows_then_columns()
    {
        var t2 = Tensor.From(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new[] { 2, 3 }, t2.Shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, t2.ToArray());

        var t4 = Tensor.From(new float[,,,] { { { { 1, 2 }, { 3, 4 } } } });
        Assert.Equal(new[] { 1, 1, 2, 2 }, t4.Shape);
        Assert.Equal(3f, t4[0, 0, 1, 0]);

        var fromDoubles = Tensor.From(new[,] { { 0.625, 0.875 } });
        Assert.Equal(new[] { 0.625f, 0.875f }, fromDoubles.ToArray());
    }

    [Fact]
    public void Creation_helpers_fill_as_named()
    {
        Assert.All(Tensor.Zeros(2, 3).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(Tensor.Ones(4).ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal(new[] { 7f, 7f }, Tensor.Full(7f, 2).ToArray());
        Assert.Equal(new[] { 7f, 7f }, Tensor.Full([1, 2], 7f).ToArray());
        Assert.Equal(new float[] { 0, 1, 2, 3 }, Tensor.Arange(4).ToArray());
        Assert.Equal(new float[] { 1, 1.5f, 2, 2.5f }, Tensor.Arange(1, 3, 0.5f).ToArray());
        Assert.Equal(new float[] { 3, 2, 1 }, Tensor.Arange(3, 0, -1).ToArray());
    }

    [Fact]
    public void Seeded_random_tensors_repeat_exactly_and_differ_between_seeds()
    {
        Assert.Equal(Tensor.Rand([3, 4], seed: 42).ToArray(), Tensor.Rand([3, 4], seed: 42).ToArray());
        Assert.NotEqual(Tensor.Rand([3, 4], seed: 42).ToArray(), Tensor.Rand([3, 4], seed: 43).ToArray());
        Assert.Equal(Tensor.Randn([5], new Generator(7)).ToArray(), Tensor.Randn([5], seed: 7).ToArray());
    }

    [Fact]
    public void The_generator_produces_the_same_numbers_on_every_machine()
    {
        // Pinned values: xoshiro256** seeded through SplitMix64 with seed 0 (reference values of the published algorithm).
        var g = new Generator(0);
        Assert.Equal(0x99EC5F36CB75F2B4UL, g.NextUInt64());
        Assert.Equal(0xBF6E1F784956452AUL, g.NextUInt64());
    }

    [Fact]
    public void Random_values_have_the_expected_distribution()
    {
        var uniform = Tensor.Rand([100_000], seed: 1);
        Assert.InRange(uniform.Mean().Item(), 0.495f, 0.505f);
        Assert.InRange(uniform.Min().Item(), 0f, 0.001f);
        Assert.InRange(uniform.Max().Item(), 0.999f, 1f);
        var normal = Tensor.Randn([100_000], seed: 2);
        float mean = normal.Mean().Item();
        float variance = ((normal - mean) * (normal - mean)).Mean().Item();
        Assert.InRange(mean, -0.01f, 0.01f);
        Assert.InRange(variance, 0.98f, 1.02f);
    }

    [Fact]
    public void Reshape_infers_minus_one_and_shares_the_values()
    {
        var t = Tensor.Arange(6);
        var view = t.Reshape(2, -1);
        Assert.Equal(new[] { 2, 3 }, view.Shape);
        view[1, 1] = 40;
        Assert.Equal(40f, t[4]);
        Assert.Equal(new[] { 3, 2 }, t.View(3, 2).Shape);
    }

    [Fact]
    public void Transpose_and_permute_move_the_values()
    {
        var t = Tensor.Arange(6).Reshape(2, 3);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, t.Transpose(0, 1).ToArray());
        Assert.Equal(new[] { 3, 2 }, t.T.Shape);
        var cube = Tensor.Arange(24).Reshape(2, 3, 4);
        var permuted = cube.Permute(2, 0, 1);
        Assert.Equal(new[] { 4, 2, 3 }, permuted.Shape);
        Assert.Equal(cube[1, 2, 3], permuted[3, 1, 2]);
        Assert.Equal(cube[0, 1, 2], permuted[2, 0, 1]);
    }

    [Fact]
    public void Slice_and_select_cut_one_dimension()
    {
        var t = Tensor.Arange(12).Reshape(3, 4);
        Assert.Equal(new float[] { 4, 5, 6, 7, 8, 9, 10, 11 }, t.Slice(0, 1, 3).ToArray());
        Assert.Equal(new float[] { 1, 3, 5, 7, 9, 11 }, t.Slice(1, 1, 4, step: 2).ToArray());
        Assert.Equal(new float[] { 2, 6, 10 }, t.Select(1, 2).ToArray());
        Assert.Equal(new float[] { 8, 9, 10, 11 }, t.Select(0, -1).ToArray());
        Assert.Equal(new[] { 3, 0 }, t.Slice(1, 3, 1).Shape);
    }

    [Fact]
    public void IndexSelect_picks_entries_of_one_dimension_in_the_given_order()
    {
        var t = Tensor.Arange(12).Reshape(3, 4);
        var rows = t.IndexSelect(0, [2, 0, 2]);
        Assert.Equal([3, 4], rows.Shape);
        Assert.Equal(new float[] { 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11 }, rows.ToArray());
        Assert.Equal(new float[] { 3, 1, 7, 5, 11, 9 }, t.IndexSelect(1, [3, 1]).ToArray());
        Assert.Equal([0, 4], t.IndexSelect(0, []).Shape);
    }

    [Fact]
    public void IndexSelect_adds_the_gradient_of_each_pick_back_where_it_came_from()
    {
        // y = [x2, x0, x2] weighted by 1, 10, 100: dy/dx0 = 10, dy/dx1 = 0, dy/dx2 = 1 + 100.
        var x = Tensor.From([1f, 2, 3], 3).RequireGrad();
        var picked = x.IndexSelect(0, [2, 0, 2]);
        (picked * Tensor.From([1f, 10, 100], 3)).Sum().Backward();
        Assert.Equal(new float[] { 10, 0, 101 }, x.Grad!.ToArray());
    }

    [Fact]
    public void IndexSelect_names_an_index_out_of_range()
    {
        var t = Tensor.Zeros(3, 2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => t.IndexSelect(0, [0, 3]));
        Assert.StartsWith("IndexSelect: index 3 (position 1) is out of range for dimension 0 of size 3 (shape [3, 2]); use 0..2.", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.IndexSelect(0, [-1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.IndexSelect(2, [0]));
    }

    [Fact]
    public void Squeeze_unsqueeze_flatten_and_flip_change_only_the_view()
    {
        var t = Tensor.Arange(6).Reshape(1, 2, 3);
        Assert.Equal(new[] { 2, 3 }, t.Squeeze().Shape);
        Assert.Equal(new[] { 1, 2, 1, 3 }, t.Unsqueeze(2).Shape);
        Assert.Equal(new[] { 1, 6 }, t.Flatten(1).Shape);
        Assert.Equal(new float[] { 5, 4, 3, 2, 1, 0 }, t.Flip(1, 2).ToArray());
    }

    [Fact]
    public void Cat_and_stack_join_tensors()
    {
        var a = Tensor.From([1f, 2], 1, 2);
        var b = Tensor.From([3f, 4], 1, 2);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, Tensor.Cat([a, b], 0).ToArray());
        Assert.Equal(new[] { 1, 4 }, Tensor.Cat([a, b], 1).Shape);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, Tensor.Cat([a, b], 1).ToArray());
        Assert.Equal(new[] { 2, 1, 2 }, Tensor.Stack([a, b]).Shape);
    }

    [Fact]
    public void Arithmetic_broadcasts_like_PyTorch()
    {
        var column = Tensor.From([1f, 2], 2, 1);
        var row = Tensor.From([10f, 20, 30], 3);
        Assert.Equal(new float[] { 11, 21, 31, 12, 22, 32 }, (column + row).ToArray());
        Assert.Equal(new[] { 2, 3 }, (column * row).Shape);
        Assert.Equal(new float[] { 10, 20, 30, 20, 40, 60 }, (column * row).ToArray());
        Assert.Equal(new float[] { -9, -19, -29, -8, -18, -28 }, (column - row).ToArray());
        Assert.Equal(new float[] { 2, 4 }, (column * 2).ToArray());
        Assert.Equal(new float[] { 0.5f, 1 }, (column / 2).ToArray());
        Assert.Equal(new float[] { 9, 8 }, (10 - column).ToArray());
        Assert.Equal(new float[] { -1, -2 }, (-column).ToArray());
    }

    [Fact]
    public void Same_shape_arithmetic_uses_the_vector_path_and_its_tail()
    {
        // 37 elements: two full 16-wide vectors and a scalar tail of 5.
        var a = Tensor.Arange(37);
        var b = Tensor.Full(2f, 37);
        var expected = Enumerable.Range(0, 37).Select(i => i / 2f).ToArray();
        Assert.Equal(expected, (a / b).ToArray());
    }

    [Fact]
    public void Reductions_work_over_everything_or_one_dimension()
    {
        var t = Tensor.From([1f, 5, 3, 4, 2, 6], 2, 3);
        Assert.Equal(21f, t.Sum().Item());
        Assert.Equal(3.5f, t.Mean().Item());
        Assert.Equal(new float[] { 5, 7, 9 }, t.Sum(0).ToArray());
        Assert.Equal(new[] { 2, 1 }, t.Sum(1, keepDim: true).Shape);
        Assert.Equal(new float[] { 3, 4 }, t.Mean(1).ToArray());
        Assert.Equal(6f, t.Max().Item());
        Assert.Equal(1f, t.Min().Item());
        Assert.Equal(new float[] { 5, 6 }, t.Max(1).ToArray());
        Assert.Equal(5, t.ArgMax());
        Assert.Equal(new float[] { 1, 2 }, t.ArgMax(1).ToArray());
        Assert.Equal(new float[] { 1, 0, 1 }, t.ArgMax(0).ToArray());
    }

    [Fact]
    public void Max_does_not_hide_a_NaN()
    {
        Assert.True(float.IsNaN(Tensor.From([1f, float.NaN, 3]).Max().Item()));
    }

    [Fact]
    public void MatMul_multiplies_matrices_and_batches()
    {
        var a = Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = Tensor.From(new float[,] { { 5, 6 }, { 7, 8 } });
        Assert.Equal(new float[] { 19, 22, 43, 50 }, a.MatMul(b).ToArray());
        Assert.Equal(new float[] { 17, 39 }, a.MatMul(Tensor.From([5f, 6])).ToArray());

        var batch = Tensor.Stack([a, b]);
        var product = batch.MatMul(a);
        Assert.Equal(new[] { 2, 2, 2 }, product.Shape);
        Assert.Equal(new float[] { 7, 10, 15, 22, 23, 34, 31, 46 }, product.ToArray());
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(4, 32, 32)]
    [InlineData(33, 257, 65)]
    [InlineData(70, 300, 129)]
    public void MatMul_agrees_with_a_plain_triple_loop_in_double_precision(int m, int k, int n)
    {
        var a = Tensor.Randn([m, k], seed: m);
        var b = Tensor.Randn([k, n], seed: n);
        var expected = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += a[i, p] * (double)b[p, j];
                expected[i * n + j] = (float)sum;
            }
        Close.Check(expected, a.MatMul(b).ToArray(), 1e-4);
    }

    [Fact]
    public void A_large_parallel_MatMul_gives_bit_identical_results_each_time()
    {
        var a = Tensor.Randn([256, 300], seed: 1);
        var b = Tensor.Randn([300, 256], seed: 2);
        Assert.Equal(a.MatMul(b).ToArray(), a.MatMul(b).ToArray());
    }

    [Fact]
    public void ToString_prints_a_grid_like_PyTorch()
    {
        var t = Tensor.From([19f, 25, 37, 43], 2, 2);
        Assert.Equal("tensor([[19., 25.],\n        [37., 43.]])", t.ToString());
        Assert.Equal("tensor([0.5000, 1.2500])", Tensor.From([0.5f, 1.25f]).ToString());
        Assert.Equal("tensor(3.)", Tensor.Scalar(3).ToString());
        Assert.Equal("tensor([nan, 1.])", Tensor.From([float.NaN, 1]).ToString());
    }

    [Fact]
    public void ToString_summarises_large_tensors()
    {
        string text = Tensor.Arange(10_000).ToString();
        Assert.Contains("...", text);
        Assert.StartsWith("tensor([   0.,    1.,    2., ..., 9997., 9998., 9999.])", text);
    }

    [Fact]
    public void Gradients_flow_back_through_a_small_expression()
    {
        // y = sum(x * x + 3x) => dy/dx = 2x + 3
        var x = Tensor.From([1f, -2, 0.5f]).RequireGrad();
        (x * x + 3 * x).Sum().Backward();
        Assert.Equal(new float[] { 5, -1, 4 }, x.Grad!.ToArray());
    }

    [Fact]
    public void Gradients_accumulate_until_cleared_and_no_grad_records_nothing()
    {
        var x = Tensor.From([2f]).RequireGrad();
        (x * 3).Sum().Backward();
        (x * 3).Sum().Backward();
        Assert.Equal(6f, x.Grad![0]);
        using (Tensor.NoGrad())
        {
            var y = x * 3;
            Assert.False(y.RequiresGrad);
        }
        Assert.True((x * 3).RequiresGrad);
        Assert.False(x.Detach().RequiresGrad);
    }

    [Fact]
    public void MatMul_of_two_vectors_is_their_dot_product_with_gradients()
    {
        var a = Tensor.From([1f, 2, 3]).RequireGrad();
        var b = Tensor.From([4f, 5, 6]).RequireGrad();
        var dot = a.MatMul(b);
        Assert.Equal(0, dot.Rank);
        Assert.Equal(32f, dot.Item());
        dot.Backward();
        Assert.Equal(new float[] { 4, 5, 6 }, a.Grad!.ToArray());
        Assert.Equal(new float[] { 1, 2, 3 }, b.Grad!.ToArray());
    }

    [Fact]
    public async Task A_no_grad_scope_holds_across_an_await_and_ends_cleanly()
    {
        var x = Tensor.From([1f]).RequireGrad();
        using (Tensor.NoGrad())
        {
            await Task.Yield();
            Assert.False((x * 2).RequiresGrad);
        }
        Assert.True(Tensor.IsGradEnabled);
        Assert.True((x * 2).RequiresGrad);
    }
}
