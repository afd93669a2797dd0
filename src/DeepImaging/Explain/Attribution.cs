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
public static partial class Attribution
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
