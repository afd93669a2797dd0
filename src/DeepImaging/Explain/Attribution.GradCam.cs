using DeepImaging.Data;
using DeepImaging.NN;

namespace DeepImaging.Explain;

// Grad-CAM: the gradient of the target's logit weighs the feature maps of one layer.
public static partial class Attribution
{
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
}
