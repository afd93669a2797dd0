using System.Globalization;

namespace DeepImaging.NN;

/// <summary>
/// The summary row of each kind of layer: what it does to the shape and what it costs, from its settings and the shapes
/// of its parameters alone (no forward pass, no weights allocated). The layers themselves know nothing of summaries.
/// </summary>
internal static class LayerRows
{
    /// <summary>The row of <paramref name="layer"/> (what <see cref="Module.Describe"/> gives unless a module overrides it).</summary>
    public static LayerSummary Of(Module layer, int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        return layer switch
        {
            Linear l => Linear(l.InFeatures, l.OutFeatures, l.Bias is not null, inputShape),
            Conv2d c => Conv2d(c.InChannels, c.OutChannels, c.KernelSize, c.Stride, c.Padding, c.Dilation, c.Groups, c.Bias is not null, inputShape),
            Pool2d p => Pool(p, inputShape),
            Flatten f => WithoutParameters(f, f.OutputShape(inputShape)),
            Softmax s when s.Dim >= inputShape.Length || s.Dim < -inputShape.Length =>
                throw new ArgumentException($"{s}: dimension {s.Dim} does not exist in an input of shape {Shapes.Format(inputShape)}."),
            ReLU or LeakyReLU or Sigmoid or Tanh or Softmax or Dropout => WithoutParameters(layer, (int[])inputShape.Clone()),
            Sequential s => Container(s, inputShape),
            _ => throw new NotSupportedException($"{layer.GetType().Name} does not describe its output shape for a model summary; override Describe(int[] inputShape) in it."),
        };
    }

    /// <summary>A <see cref="NN.Linear"/> layer: weight [out, in], y = x · Wᵀ + b for every row of the input.</summary>
    public static LayerSummary Linear(int inFeatures, int outFeatures, bool bias, int[] inputShape)
    {
        NN.Linear.CheckSizes(inFeatures, outFeatures);
        string layer = NN.Linear.Repr(inFeatures, outFeatures, bias);
        if (NN.Linear.InputProblem(inputShape, inFeatures) is { } problem)
            throw new ArgumentException($"{layer}: {problem}");
        var (total, formula) = SummaryText.Parameters(layer, [outFeatures, inFeatures], bias ? outFeatures : 0);
        long samples = ModelSummary.Product(layer, "number of input rows", [.. inputShape[..^1].Select(s => (long)s)]);
        long multAdds = ModelSummary.Product(layer, "mult-add count", samples, (long)inFeatures * outFeatures);
        return new LayerSummary("", nameof(NN.Linear), [.. inputShape[..^1], outFeatures], total, formula, multAdds);
    }

    /// <summary>A <see cref="NN.Conv2d"/> layer: weight [out, in/groups, kH, kW], one dot product of a window per output value.</summary>
    public static LayerSummary Conv2d(int inChannels, int outChannels, Pair kernel, Pair stride, Padding padding, Pair dilation, int groups, bool bias, int[] inputShape)
    {
        string layer = NN.Conv2d.Repr(inChannels, outChannels, kernel, stride, padding, dilation, groups, bias);
        NN.Conv2d.CheckArguments(inChannels, outChannels, kernel, stride, padding, dilation, groups, layer);
        if (NN.Conv2d.InputProblem(inputShape, inChannels) is { } problem)
            throw new ArgumentException($"{layer}: {problem}");
        var (top, bottom, left, right) = padding.Resolve(kernel, stride, dilation, layer);
        int outH = ConvArithmetic.OutputSize(inputShape[^2], kernel.Height, stride.Height, top, bottom, dilation.Height, layer);
        int outW = ConvArithmetic.OutputSize(inputShape[^1], kernel.Width, stride.Width, left, right, dilation.Width, layer);

        long[] weightShape = [outChannels, inChannels / groups, kernel.Height, kernel.Width];
        var (total, formula) = SummaryText.Parameters(layer, weightShape, bias ? outChannels : 0);
        long batch = inputShape.Length == 4 ? inputShape[0] : 1;
        long multAdds = ModelSummary.Product(layer, "mult-add count", batch, outChannels, outH, outW, weightShape[1], (long)kernel.Height * kernel.Width);
        return new LayerSummary("", nameof(NN.Conv2d), [.. inputShape[..^3], outChannels, outH, outW], total, formula, multAdds)
        {
            Window = new SlidingWindow(kernel, stride, dilation, top, left),
        };
    }

    /// <summary>A pooling layer: a window per output value, no parameters, no mult-adds.</summary>
    private static LayerSummary Pool(Pool2d pool, int[] inputShape)
    {
        string layer = pool.ToString();
        if (inputShape.Length is < 2 or > 4)
            throw new ArgumentException($"{layer}: input has shape {Shapes.Format(inputShape)}; expected [N, C, H, W], [C, H, W] or [H, W].");
        int outH = ConvArithmetic.OutputSize(inputShape[^2], pool.KernelSize.Height, pool.Stride.Height, pool.Padding.Height, pool.Padding.Height, 1, layer);
        int outW = ConvArithmetic.OutputSize(inputShape[^1], pool.KernelSize.Width, pool.Stride.Width, pool.Padding.Width, pool.Padding.Width, 1, layer);
        return WithoutParameters(pool, [.. inputShape[..^2], outH, outW]) with
        {
            Window = new SlidingWindow(pool.KernelSize, pool.Stride, 1, pool.Padding.Height, pool.Padding.Width),
        };
    }

    /// <summary>A layer without parameters: only its output shape.</summary>
    private static LayerSummary WithoutParameters(Module layer, int[] outputShape) => new("", layer.GetType().Name, outputShape, 0, "", 0);

    /// <summary>A container as one row: its final output shape and the sum of its layers' parameters and mult-adds.</summary>
    private static LayerSummary Container(Sequential sequential, int[] inputShape)
    {
        var rows = Rows(sequential, inputShape, "");
        long total = ModelSummary.Sum("Sequential", "total parameter count", rows.Select(r => r.Parameters));
        long multAdds = ModelSummary.Sum("Sequential", "total mult-add count", rows.Select(r => r.MultAdds));
        string formula = SummaryText.Sum(rows.Where(r => r.Parameters > 0).Select(r => r.Parameters));
        return new LayerSummary("", nameof(Sequential), rows.Count > 0 ? rows[^1].OutputShape : (int[])inputShape.Clone(), total, formula, multAdds);
    }

    /// <summary>One row per layer of <paramref name="sequential"/>, shapes chained from <paramref name="inputShape"/>; nested
    /// containers are expanded with dotted names ("1.0"). A layer that cannot take its input is reported with its name and type.</summary>
    public static List<LayerSummary> Rows(Sequential sequential, int[] inputShape, string prefix)
    {
        var rows = new List<LayerSummary>();
        var shape = inputShape;
        int i = 0;
        foreach (var layer in sequential)
        {
            string name = prefix + (i++).ToString(CultureInfo.InvariantCulture);
            if (layer is Sequential inner)
            {
                rows.AddRange(Rows(inner, shape, name + "."));
                shape = rows.Count > 0 ? rows[^1].OutputShape : shape;
                continue;
            }
            try
            {
                rows.Add(layer.Describe(shape) with { Name = name });
                shape = rows[^1].OutputShape;
            }
            catch (ArgumentException e)
            {
                throw Sequential.LayerError("Sequential", name, layer.GetType().Name, shape, e);
            }
        }
        return rows;
    }
}
