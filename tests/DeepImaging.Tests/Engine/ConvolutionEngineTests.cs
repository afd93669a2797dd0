using DeepImaging.Engine;

namespace DeepImaging.Tests.Engine;

public class ConvolutionEngineTests
{
    [Fact]
    public void A_convolution_allocates_little_more_than_its_result()
    {
        // The padded images, products and packing buffers are rented or kept per thread: once warm, a forward pass
        // allocates its output and a few small objects (the row starts, the job's closure), a backward pass its gradients.
        var x = Tensor.Randn([4, 3, 20, 20], seed: 41);
        var weight = Tensor.Randn([8, 3, 3, 3], seed: 42);
        var g = ConvGeometry.Create("Conv2d", x.shape, (3, 3), 1, 1, 1);
        var dOut = Tensor.Randn([4, 8, 20, 20], seed: 43);
        for (int warm = 0; warm < 2; warm++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var output = Functional.Convolve(x, weight, null, g, 1, "Conv2d").data;
            long forward = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            var dWeight = Functional.WeightGradient(new ConvLayout(g, Groups: 1, OutChannels: 8), dOut.data, x.data);
            long backward = GC.GetAllocatedBytesForCurrentThread() - before;
            if (warm == 0) continue;
            Assert.InRange(forward, output.Length * sizeof(float), output.Length * sizeof(float) + 2048);
            Assert.InRange(backward, dWeight.Length * sizeof(float), dWeight.Length * sizeof(float) + 2048);
        }
    }

    [Theory]
    [InlineData(5, 3, 7, 9)]
    [InlineData(8, 5, 100, 90)] // large enough that the channels are shared out over the threads
    public void The_bias_gradient_is_each_channels_sum_over_images_and_positions(int batch, int channels, int height, int width)
    {
        var dOut = Tensor.Randn([batch, channels, height, width], seed: 11);
        var expected = new double[channels];
        for (int i = 0; i < dOut.Count; i++) expected[i / (height * width) % channels] += dOut.data[i];

        var sums = ChannelSums.OverImagesAndPositions(dOut.data, dOut.shape);

        // Summed in double: the only rounding that matters is the final one to float.
        Assert.Equal(expected.Select(v => (float)v), sums);
    }

    [Fact]
    public void The_weight_gradient_sums_the_images_of_every_chunk()
    {
        // 19 images: two full chunks of 8 and a partial one of 3; compared with the gradient of each image alone, summed.
        var x = Tensor.Randn([19, 2, 6, 5], seed: 12);
        var dOut = Tensor.Randn([19, 4, 6, 5], seed: 13);
        var g = ConvGeometry.Create("Conv2d", x.shape, (3, 3), 1, 1, 1);
        var dWeight = Functional.WeightGradient(new ConvLayout(g, Groups: 1, OutChannels: 4), dOut.data, x.data);

        var expected = new double[dWeight.Length];
        for (int n = 0; n < 19; n++)
        {
            var one = ConvGeometry.Create("Conv2d", [1, 2, 6, 5], (3, 3), 1, 1, 1);
            var image = Functional.WeightGradient(new ConvLayout(one, 1, 4), dOut.data[(n * 120)..((n + 1) * 120)], x.data[(n * 60)..((n + 1) * 60)]);
            for (int i = 0; i < image.Length; i++) expected[i] += image[i];
        }
        Close.Check([.. expected.Select(v => (float)v)], dWeight, tolerance: 1e-5, what: "dW");
    }

    [Theory]
    [InlineData(3, 2, 9, 11, 3, 3, 1, 1, 1, 1, true)]    // padding 1, bias, ReLU
    [InlineData(2, 4, 8, 8, 3, 3, 0, 1, 1, 2, false)]    // valid, two groups
    [InlineData(1, 1, 40, 37, 3, 3, 1, 1, 1, 1, true)]   // one filter over a larger image
    [InlineData(2, 6, 14, 14, 5, 5, 0, 1, 1, 1, true)]   // LeNet's second layer
    [InlineData(2, 2, 10, 9, 3, 2, 2, 2, 1, 1, false)]   // dilation 2, padding 2
    [InlineData(2, 16, 32, 32, 3, 3, 1, 1, 2, 1, false)] // stride 2: four phases
    [InlineData(2, 3, 11, 10, 3, 3, 1, 2, 2, 1, true)]   // stride 2, dilation 2
    [InlineData(1, 2, 13, 9, 5, 4, 2, 1, 3, 1, false)]   // stride 3, a 5 x 4 kernel
    [InlineData(1, 3, 9, 7, 3, 3, 0, 1, 2, 1, false)]    // stride 2, no padding, odd width
    [InlineData(1, 2, 8, 9, 5, 5, 2, 1, 2, 1, true)]     // stride 2, padding 2
    [InlineData(2, 32, 12, 12, 3, 3, 1, 1, 1, 1, false)] // 288 weights per filter: deeper than one block of the product
    [InlineData(1, 32, 20, 20, 3, 3, 1, 1, 2, 1, true)]  // the same with stride 2
    public void Convolutions_from_shifted_windows_equal_im2col_and_gemm_bit_for_bit(
        int batch, int channels, int height, int width, int kh, int kw, int padding, int dilation, int stride, int groups, bool relu)
    {
        int outChannels = 6;
        var x = Tensor.Randn([batch, channels, height, width], seed: 21);
        var weight = Tensor.Randn([outChannels, channels / groups, kh, kw], seed: 22);
        var bias = Tensor.Randn([outChannels], seed: 23);
        var g = ConvGeometry.Create("Conv2d", x.shape, (kh, kw), stride, padding, dilation);
        Assert.NotNull(ShiftedImage.For(g, channels / groups, outChannels / groups)); // this test is about the shifted windows

        var output = Functional.Convolve(x, weight, bias, g, groups, "Conv2d", relu).ToArray();

        // The reference: im2col, then the product, + b, ReLU; image by image and group by group.
        int groupChannels = channels / groups, perGroup = outChannels / groups, patch = g.PatchSize(groupChannels), positions = g.OutputPositions;
        var columns = new float[patch * positions];
        var expected = new float[batch * outChannels * positions];
        for (int n = 0; n < batch; n++)
            for (int group = 0; group < groups; group++)
            {
                Im2Col.Unfold(x.data, (n * channels + group * groupChannels) * height * width, groupChannels, g, columns);
                var target = expected.AsSpan((n * outChannels + group * perGroup) * positions, perGroup * positions);
                Gemm.Multiply(weight.data.AsSpan(group * perGroup * patch, perGroup * patch), columns, target, perGroup, patch, positions);
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] += bias.data[group * perGroup + i / positions];
                    if (relu) target[i] = target[i] <= 0 ? 0f : target[i];
                }
            }
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData(3, 2, 9, 11, 3, 3, 1, 1, 1, 1)]    // padding 1
    [InlineData(2, 4, 8, 8, 3, 3, 0, 1, 1, 2)]     // valid, two groups
    [InlineData(2, 6, 14, 14, 5, 5, 0, 1, 1, 1)]   // LeNet's second layer
    [InlineData(2, 2, 10, 9, 3, 2, 2, 2, 1, 1)]    // dilation 2, padding 2
    [InlineData(2, 16, 32, 32, 3, 3, 1, 1, 2, 1)]  // stride 2: four phases
    [InlineData(1, 2, 13, 9, 5, 4, 2, 1, 3, 1)]    // stride 3, a 5 x 4 kernel
    [InlineData(1, 3, 9, 7, 3, 3, 0, 1, 2, 1)]     // stride 2, no padding, odd width
    [InlineData(1, 2, 8, 9, 5, 5, 2, 1, 2, 1)]     // stride 2, padding 2
    public void The_input_gradient_from_shifted_windows_equals_gemm_and_col2im_bit_for_bit(
        int batch, int channels, int height, int width, int kh, int kw, int padding, int dilation, int stride, int groups)
    {
        const int outChannels = 6;
        var weight = Tensor.Randn([outChannels, channels / groups, kh, kw], seed: 41);
        var g = ConvGeometry.Create("Conv2d", [batch, channels, height, width], (kh, kw), stride, padding, dilation);
        var m = new ConvLayout(g, groups, outChannels);
        Assert.NotNull(ShiftedImage.For(g, m.GroupChannels, m.OutPerGroup));
        var dOut = Tensor.Randn([batch, outChannels, g.OutHeight, g.OutWidth], seed: 42);

        var dx = Functional.InputGradient(m, dOut.data, weight.data);

        // The reference: dColumns = Wᵀ · dOut, then col2im, image by image and group by group.
        var dColumns = new float[m.Patch * m.Positions];
        var expected = new float[batch * channels * height * width];
        for (int n = 0; n < batch; n++)
            for (int group = 0; group < groups; group++)
            {
                Gemm.Multiply(m.Weights(weight.data, group), transposeA: true, m.Outputs(dOut.data, n, group), transposeB: false,
                    dColumns, m.Patch, m.OutPerGroup, m.Positions);
                Im2Col.Fold(dColumns, m.GroupChannels, g, expected, m.InputOffset(n, group));
            }
        Assert.Equal(expected, dx);
    }

    [Theory]
    [InlineData(11, 3, 9, 8, 3, 3, 1, 1)]    // padding 1, two chunks of images
    [InlineData(3, 6, 14, 14, 5, 5, 0, 1)]   // LeNet's second layer
    [InlineData(9, 16, 16, 16, 3, 3, 1, 2)]  // stride 2
    [InlineData(4, 1, 28, 28, 5, 5, 2, 1)]   // LeNet's first layer
    public void The_weight_gradient_from_shifted_windows_matches_im2col_summed_in_double(
        int batch, int channels, int height, int width, int kh, int kw, int padding, int stride)
    {
        // The windows run over whole phase rows, so the dot products also meet the columns past each output row; dOut
        // is 0 there. The reference is the textbook Σ over images and positions of dOut · im2col(x), in double.
        const int outChannels = 5;
        var x = Tensor.Randn([batch, channels, height, width], seed: 31);
        var g = ConvGeometry.Create("Conv2d", x.shape, (kh, kw), stride, padding, 1);
        Assert.NotNull(ShiftedImage.For(g, channels, outChannels));
        var dOut = Tensor.Randn([batch, outChannels, g.OutHeight, g.OutWidth], seed: 32);

        var dWeight = Functional.WeightGradient(new ConvLayout(g, Groups: 1, OutChannels: outChannels), dOut.data, x.data);

        int patch = g.PatchSize(channels), positions = g.OutputPositions;
        var columns = new float[patch * positions];
        var expected = new double[outChannels * patch];
        for (int n = 0; n < batch; n++)
        {
            Im2Col.Unfold(x.data, n * channels * height * width, channels, g, columns);
            for (int o = 0; o < outChannels; o++)
                for (int p = 0; p < patch; p++)
                    for (int q = 0; q < positions; q++)
                        expected[o * patch + p] += (double)dOut.data[(n * outChannels + o) * positions + q] * columns[p * positions + q];
        }
        Close.Check([.. expected.Select(v => (float)v)], dWeight, tolerance: 2e-5, what: "dW");
    }
}
