using DeepImaging.Data;
using DeepImaging.NN;

namespace DeepImaging.Explain;

/// <summary>
/// Attribution maps: which pixels of an image a classifier's score for one class depends on. Each method takes a batch
/// of images [N, C, H, W] and a model whose output is one score (logit) per class, [N, classes], and returns one map per
/// image, [N, H, W]. For a binary classifier with a single output (trained with <see cref="BceWithLogitsLoss"/>) use
/// target 0: the map then explains the evidence for the positive class.
/// <para>
/// The model is left as it was found: the maps are computed in evaluation mode (so Dropout does not make them random)
/// and each module's train/eval mode is put back afterwards; parameters are neither changed nor given gradients.
/// Images are assumed independent of each other in a batch, as they are for every layer of this library.
/// </para>
/// </summary>
public static class Attribution
{
    /// <summary>
    /// The saliency map of Simonyan, Vedaldi and Zisserman (2014), "Deep inside convolutional networks": for every pixel,
    /// the largest absolute value over the channels of the gradient of the target's logit with respect to the input.
    /// A large value means a small change of that pixel changes the score a lot.
    /// </summary>
    /// <param name="model">The classifier; its output must be [N, classes].</param>
    /// <param name="input">The images, [N, C, H, W].</param>
    /// <param name="target">The class whose logit is explained, 0..classes − 1.</param>
    /// <returns>[N, H, W], values ≥ 0.</returns>
    /// <exception cref="ArgumentException">The input is not [N, C, H, W], the output is not [N, classes], or the target is not a class.</exception>
    /// <exception cref="InvalidOperationException">Called inside a <see cref="Tensor.NoGrad"/> scope, where no gradient can be computed.</exception>
    public static Tensor Saliency(Module model, Tensor input, int target)
    {
        const string method = "Attribution.Saliency";
        CheckArguments(method, model, input);
        CheckGradientsEnabled(method);
        var (n, c, h, w) = (input.Size(0), input.Size(1), input.Size(2), input.Size(3));
        // A copy that requires gradients, so the caller's tensor keeps its own gradient state.
        var x = Tensor.From(input.ToArray(), input.Shape).RequireGrad();
        using (new FrozenModel(model))
        {
            var logits = model.Forward(x);
            CheckTarget(method, logits, n, target);
            // A model whose output ignores its input records no graph: every gradient is then 0.
            if (logits.RequiresGrad) logits.Backward(OneHot(logits.Shape, target));
        }

        ReadOnlySpan<float> gradient = x.Grad is null ? new float[x.Count] : x.Grad.AsSpan();
        var map = new float[n * h * w];
        for (int i = 0; i < n; i++)
            for (int p = 0; p < h * w; p++)
            {
                float largest = 0;
                for (int ch = 0; ch < c; ch++)
                    largest = Math.Max(largest, Math.Abs(gradient[(i * c + ch) * h * w + p]));
                map[i * h * w + p] = largest;
            }
        return Tensor.From(map, n, h, w);
    }

    /// <summary>
    /// Grad-CAM of Selvaraju et al. (2017), "Grad-CAM: visual explanations from deep networks via gradient-based
    /// localization", at the output A [N, K, h, w] of layer <paramref name="layer"/>: channel k gets the weight
    /// α_k = the mean over positions of ∂(target's logit)/∂A_k; the map is ReLU(Σ_k α_k A_k), resized bilinearly to the
    /// input's H x W (half-pixel centres, as PyTorch's <c>interpolate(mode="bilinear", align_corners=False)</c>), then
    /// scaled to [0, 1] per image: (map − min) / (max − min). A map that is the same everywhere (for example all zero,
    /// when no channel speaks for the target) has no peak to show and is returned as all zeros.
    /// </summary>
    /// <param name="model">The classifier as a <see cref="Sequential"/>; its output must be [N, classes].</param>
    /// <param name="input">The images, [N, C, H, W].</param>
    /// <param name="target">The class whose logit is explained, 0..classes − 1.</param>
    /// <param name="layer">The index of the layer in <paramref name="model"/> whose output is used; by default the last <see cref="Conv2d"/>.</param>
    /// <returns>[N, H, W], values in [0, 1].</returns>
    /// <exception cref="ArgumentException">
    /// The input is not [N, C, H, W]; the model has no Conv2d layer and none was named; the layer index is out of range or
    /// its output is not a feature map [N, K, h, w]; the output is not [N, classes]; or the target is not a class.
    /// </exception>
    /// <exception cref="InvalidOperationException">Called inside a <see cref="Tensor.NoGrad"/> scope, where no gradient can be computed.</exception>
    public static Tensor GradCam(Sequential model, Tensor input, int target, int? layer = null)
    {
        const string method = "Attribution.GradCam";
        CheckArguments(method, model, input);
        CheckGradientsEnabled(method);
        int at = layer ?? LastConv2d(model);
        if (at < 0 || at >= model.Count)
            throw new ArgumentException($"{method}: layer {at} does not exist; the model has {model.Count} layers (0..{model.Count - 1}).", nameof(layer));
        var (n, h, w) = (input.Size(0), input.Size(2), input.Size(3));

        Tensor activations, gradients;
        using (new FrozenModel(model))
        {
            Tensor x;
            using (Tensor.NoGrad())
                x = Forward(model, input, 0, at + 1);
            if (x.Rank != 4 || x.Size(0) != n)
                throw new ArgumentException(
                    $"{method}: layer {at} ({model[at].GetType().Name}) outputs {x.ShapeString}; Grad-CAM needs a feature map [N, K, h, w], so choose a convolution, activation or pooling layer before the flattening.",
                    nameof(layer));
            // The feature maps become the leaf of a new graph: only the layers after them are differentiated.
            activations = Tensor.From(x.ToArray(), x.Shape).RequireGrad();
            var logits = Forward(model, activations, at + 1, model.Count);
            CheckTarget(method, logits, n, target);
            if (logits.RequiresGrad) logits.Backward(OneHot(logits.Shape, target));
            gradients = activations.Grad ?? activations.ZerosLike();
        }

        int k = activations.Size(1), area = activations.Size(2) * activations.Size(3);
        var a = activations.AsSpan();
        var g = gradients.AsSpan();
        var cam = new float[n * area];
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < k; ch++)
            {
                int offset = (i * k + ch) * area;
                double sum = 0;
                for (int p = 0; p < area; p++) sum += g[offset + p];
                float alpha = (float)(sum / area);
                for (int p = 0; p < area; p++) cam[i * area + p] += alpha * a[offset + p];
            }
        for (int p = 0; p < cam.Length; p++) cam[p] = Math.Max(cam[p], 0f);

        var resized = ImageOps.Resize(Tensor.From(cam, n, activations.Size(2), activations.Size(3)), h, w);
        return ScalePerImage(resized);
    }

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

    /// <summary>
    /// A map drawn over its image, for display: the notebook formatter shows the image in grey with the map as a heat map
    /// on top and a colour bar.
    /// </summary>
    /// <param name="image">The image(s): [H, W], [C, H, W] or [N, C, H, W] with C = 1 or 3 (colour is shown in grey).</param>
    /// <param name="map">The map(s): [H, W] or [N, H, W], one per image, e.g. from <see cref="GradCam"/>.</param>
    /// <param name="title">A caption, e.g. "Grad-CAM, class lesion".</param>
    /// <exception cref="ArgumentException">The shapes do not match or the image has not 1 or 3 channels.</exception>
    public static AttributionOverlay Overlay(Tensor image, Tensor map, string title = "Attribution") =>
        new(image, map, title);

    /// <summary>
    /// Where each map is largest: (row, column) of the maximum of each [H, W] map in <paramref name="map"/> ([H, W] or
    /// [N, H, W]); the first such pixel in row-major order on ties. Useful to check whether a map points at a lesion.
    /// </summary>
    /// <exception cref="ArgumentException">The map is not [H, W] or [N, H, W].</exception>
    public static (int Row, int Column)[] Peaks(Tensor map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Rank is not (2 or 3) || map.Count == 0)
            throw new ArgumentException($"Attribution.Peaks: expected maps [H, W] or [N, H, W] but got {map.ShapeString}.", nameof(map));
        int h = map.Size(-2), w = map.Size(-1), maps = map.Count / (h * w);
        var values = map.AsSpan();
        var peaks = new (int, int)[maps];
        for (int i = 0; i < maps; i++)
        {
            int best = 0;
            for (int p = 1; p < h * w; p++)
                if (values[i * h * w + p] > values[i * h * w + best]) best = p;
            peaks[i] = (best / w, best % w);
        }
        return peaks;
    }

    /// <summary>Runs layers [<paramref name="from"/>, <paramref name="to"/>) of the model, naming the layer that fails.</summary>
    private static Tensor Forward(Sequential model, Tensor x, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            try
            {
                x = model[i].Forward(x);
            }
            catch (ArgumentException e)
            {
                throw Sequential.LayerError("Sequential", i.ToString(System.Globalization.CultureInfo.InvariantCulture), model[i].GetType().Name, x.Shape, e);
            }
        }
        return x;
    }

    private static int LastConv2d(Sequential model)
    {
        for (int i = model.Count - 1; i >= 0; i--)
            if (model[i] is Conv2d) return i;
        throw new ArgumentException("Attribution.GradCam: the model has no Conv2d layer; name the layer whose feature maps to use, e.g. GradCam(model, input, target, layer: 2).", nameof(model));
    }

    /// <summary>Each [H, W] map scaled to [0, 1] by its own minimum and maximum; a constant map becomes all zeros.</summary>
    private static Tensor ScalePerImage(Tensor maps)
    {
        var values = maps.ToArray();
        int area = maps.Size(1) * maps.Size(2);
        for (int i = 0; i < maps.Size(0); i++)
        {
            var map = values.AsSpan(i * area, area);
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (float v in map)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            for (int p = 0; p < area; p++) map[p] = max > min ? (map[p] - min) / (max - min) : 0f;
        }
        return Tensor.From(values, maps.Shape);
    }

    /// <summary>The gradient that picks the target's logit of every image: 1 in column <paramref name="target"/>, 0 elsewhere.</summary>
    private static Tensor OneHot(int[] shape, int target)
    {
        var gradient = Tensor.Zeros(shape);
        for (int i = 0; i < shape[0]; i++) gradient[i, target] = 1f;
        return gradient;
    }

    private static void CheckArguments(string method, Module model, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Count == 0)
            throw new ArgumentException(
                $"{method}: input must be a batch of images [N, C, H, W] but has shape {input.ShapeString}" +
                (input.Rank == 3 ? "; for one image add the batch dimension: input.Unsqueeze(0)." : "."), nameof(input));
    }

    private static void CheckGradientsEnabled(string method)
    {
        if (!Tensor.IsGradEnabled)
            throw new InvalidOperationException($"{method}: needs gradients, but it was called inside a Tensor.NoGrad() scope; call it outside that scope.");
    }

    private static void CheckTarget(string method, Tensor logits, int images, int target)
    {
        if (logits.Rank != 2 || logits.Size(0) != images)
            throw new ArgumentException(
                $"{method}: the model's output has shape {logits.ShapeString}; attribution needs one score per class and image, [{images}, classes].");
        int classes = logits.Size(1);
        if (target < 0 || target >= classes)
            throw new ArgumentException(
                classes == 1
                    ? $"{method}: target {target} does not exist: the model has a single output (a binary classifier); use target 0, the evidence for the positive class."
                    : $"{method}: target {target} is not a class of the model, which has {classes} outputs (0..{classes - 1}).",
                nameof(target));
    }
}
