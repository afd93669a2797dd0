using DeepImaging.NN;

namespace DeepImaging.Explain;

// Occlusion: hide a square of the image and see how much the target's logit drops.
public static partial class Attribution
{
    /// <summary>
    /// The occlusion map of Zeiler and Fergus (2014), "Visualizing and understanding convolutional networks": a
    /// <paramref name="window"/> x <paramref name="window"/> square of the image is set to 0 (in every channel) at
    /// positions <paramref name="stride"/> pixels apart, and the drop of the target's logit (logit of the image minus
    /// logit of the occluded image) is credited to the pixels under the square. Each pixel gets the mean drop over the
    /// windows that covered it. Windows start at 0, stride, 2 · stride, ... while they still overlap the image, and the
    /// last one in each direction is cut at the border, so every pixel is covered (as Captum's Occlusion does).
    /// Positive values: hiding the pixel lowers the score, so it speaks for the target; negative: it speaks against it.
    /// </summary>
    /// <param name="model">The classifier; its output must be [N, classes].</param>
    /// <param name="input">The images, [N, C, H, W].</param>
    /// <param name="target">The class whose logit is explained, 0..classes − 1.</param>
    /// <param name="window">The side of the occluding square, 1..min(H, W).</param>
    /// <param name="stride">How far the square moves, 1..window (a larger step would leave pixels uncovered).</param>
    /// <returns>[N, H, W].</returns>
    /// <exception cref="ArgumentException">The input is not [N, C, H, W], the window or stride is out of range, the output is not [N, classes], or the target is not a class.</exception>
    public static Tensor Occlusion(Module model, Tensor input, int target, int window, int stride)
    {
        const string method = "Attribution.Occlusion";
        CheckArguments(method, model, input);
        var (n, c, h, w) = (input.Size(0), input.Size(1), input.Size(2), input.Size(3));
        if (window < 1 || window > Math.Min(h, w))
            throw new ArgumentException($"{method}: window {window} must be between 1 and the image's smaller side, {Math.Min(h, w)} (images {h}x{w}).", nameof(window));
        if (stride < 1 || stride > window)
            throw new ArgumentException($"{method}: stride {stride} must be between 1 and the window ({window}); a larger step would leave pixels that no window covers.", nameof(stride));

        // Window starts along one axis: 0, stride, ... up to the last start whose window still reaches new pixels.
        static int[] Starts(int size, int window, int stride) =>
            [.. Enumerable.Range(0, (size - window + stride - 1) / stride + 1).Select(i => i * stride)];
        var windows = (from top in Starts(h, window, stride) from left in Starts(w, window, stride) select (top, left)).ToArray();

        var image = input.AsSpan().ToArray();
        int imageSize = c * h * w;
        var drop = new double[n * h * w];
        var covered = new int[h * w];
        using (new FrozenModel(model))
        using (Tensor.NoGrad())
        {
            var logits = model.Forward(Tensor.From(image, input.Shape));
            CheckTarget(method, logits, n, target);
            var baseline = Enumerable.Range(0, n).Select(i => logits[i, target]).ToArray();

            // Several occluded copies of the batch go through the model at once: fewer, larger matrix products.
            int windowsPerPass = Math.Max(1, 256 / n);
            for (int first = 0; first < windows.Length; first += windowsPerPass)
            {
                var pass = windows[first..Math.Min(windows.Length, first + windowsPerPass)];
                var batch = new float[pass.Length * n * imageSize];
                for (int b = 0; b < pass.Length; b++)
                {
                    Array.Copy(image, 0, batch, b * n * imageSize, n * imageSize);
                    var (top, left) = pass[b];
                    for (int i = 0; i < n * c; i++)
                        for (int y = top; y < Math.Min(h, top + window); y++)
                            Array.Clear(batch, b * n * imageSize + i * h * w + y * w + left, Math.Min(w, left + window) - left);
                }
                var occluded = model.Forward(Tensor.From(batch, pass.Length * n, c, h, w));
                for (int b = 0; b < pass.Length; b++)
                {
                    var (top, left) = pass[b];
                    for (int y = top; y < Math.Min(h, top + window); y++)
                        for (int x = left; x < Math.Min(w, left + window); x++)
                        {
                            covered[y * w + x]++;
                            for (int i = 0; i < n; i++)
                                drop[(i * h + y) * w + x] += baseline[i] - occluded[b * n + i, target];
                        }
                }
            }
        }
        var map = new float[n * h * w];
        for (int p = 0; p < map.Length; p++) map[p] = (float)(drop[p] / covered[p % (h * w)]);
        return Tensor.From(map, n, h, w);
    }
}
