using System.Globalization;
using System.Text;
using DeepImaging.Data;
using DeepImaging.NN;

namespace DeepImaging.Explain;

/// <summary>
/// The receptive field of one output value, layer by layer, on the input image: for the chosen value of a layer and for
/// every convolution or pooling layer before it, the square of input pixels that one value of that layer (the one
/// centred nearest the chosen value) sees. The squares nest and grow with depth, by
/// r = r_prev + (k_eff − 1) · j_prev (see <see cref="LayerSummary.ReceptiveField"/>). In a notebook it is drawn as the
/// image with one coloured outline per layer.
/// </summary>
public sealed class ReceptiveFieldFigure
{
    private ReceptiveFieldFigure(Tensor image, string layer, int row, int column, IReadOnlyList<ReceptiveFieldRegion> regions)
    {
        (Image, Layer, Row, Column, Regions) = (image, layer, row, column, regions);
    }

    /// <summary>The input image in grey, [H, W].</summary>
    public Tensor Image { get; }

    /// <summary>The name of the layer whose output value was chosen ("3", or "1.0" inside a nested container).</summary>
    public string Layer { get; }

    /// <summary>The chosen value's row in that layer's output.</summary>
    public int Row { get; }

    /// <summary>The chosen value's column in that layer's output.</summary>
    public int Column { get; }

    /// <summary>One region per convolution or pooling layer up to the chosen one, smallest (first layer) first.</summary>
    public IReadOnlyList<ReceptiveFieldRegion> Regions { get; }

    /// <summary>
    /// The figure for output value (<paramref name="row"/>, <paramref name="column"/>) of layer <paramref name="layer"/>
    /// of <paramref name="model"/>, on <paramref name="image"/>. Shapes come from the model summary: nothing is computed.
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="image">The input image: [H, W], [C, H, W] or [1, C, H, W] with the channels the model takes (colour is drawn in grey).</param>
    /// <param name="row">The row in the layer's output; by default the middle one.</param>
    /// <param name="column">The column in the layer's output; by default the middle one.</param>
    /// <param name="layer">The row of the model summary (the layer's index in a flat <see cref="Sequential"/>); by default the last layer with an image-shaped output.</param>
    /// <exception cref="ArgumentException">The image is not an image the model takes, the layer has no image-shaped output, or the row or column is outside it.</exception>
    public static ReceptiveFieldFigure Of(Sequential model, Tensor image, int? row = null, int? column = null, int? layer = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(image);
        const string method = "ReceptiveFieldFigure.Of";
        if (image.Rank is < 2 or > 4 || (image.Rank == 4 && image.Size(0) != 1))
            throw new ArgumentException($"{method}: image must be one image, [H, W], [C, H, W] or [1, C, H, W], but has shape {image.ShapeString}.", nameof(image));
        int[] inputShape = image.Rank switch
        {
            2 => [1, 1, image.Size(0), image.Size(1)],
            3 => [1, .. image.Shape],
            _ => image.Shape,
        };
        var rows = ModelSummary.Of(model, inputShape).Rows;
        int chosen = layer ?? LastImageLayer(rows);
        if (chosen < 0 || chosen >= rows.Count)
            throw new ArgumentException($"{method}: layer {chosen} does not exist; the model summary has {rows.Count} rows (0..{rows.Count - 1}).", nameof(layer));
        var target = rows[chosen];
        if (target.OutputShape.Length != 4 || target.Field is not { Whole: false } field)
            throw new ArgumentException(
                $"{method}: layer {target.Name} ({target.Type}) outputs {Shapes.Format(target.OutputShape)}, not feature maps [N, C, h, w]" +
                (target.Field is { Whole: true } ? ": each of its values sees the whole image." : "."), nameof(layer));
        int outH = target.OutputShape[2], outW = target.OutputShape[3];
        int r = row ?? (outH - 1) / 2, c = column ?? (outW - 1) / 2;
        if (r < 0 || r >= outH || c < 0 || c >= outW)
            throw new ArgumentException($"{method}: output value ({r}, {c}) is outside layer {target.Name}'s {outH}x{outW} output.", r < 0 || r >= outH ? nameof(row) : nameof(column));

        // The centre of the chosen value's field, in input pixels; each earlier layer contributes its value centred nearest to it.
        double centreY = field.Height.First(r) + (field.Height.Size - 1) / 2.0, centreX = field.Width.First(c) + (field.Width.Size - 1) / 2.0;
        var regions = new List<ReceptiveFieldRegion>();
        for (int i = 0; i <= chosen; i++)
        {
            if (rows[i].Window is null && i != chosen) continue;
            var f = rows[i].Field!;
            int y = Nearest(f.Height, centreY, rows[i].OutputShape[2]), x = Nearest(f.Width, centreX, rows[i].OutputShape[3]);
            var region = new ReceptiveFieldRegion(rows[i].Name, rows[i].Type, y, x,
                (int)f.Height.First(y), (int)f.Width.First(x), f.Height.Size, f.Width.Size);
            // A layer without a window (ReLU after a convolution) sees what the layer before it sees: shown once.
            if (regions.Count == 0 || regions[^1] with { Layer = region.Layer, Type = region.Type } != region)
                regions.Add(region);
        }
        var grey = image.Rank == 2 ? image : ImageOps.Greyscale(image.Reshape(inputShape[1..]));
        return new ReceptiveFieldFigure(Tensor.From(grey.ToArray(), inputShape[2], inputShape[3]), target.Name, r, c, regions);
    }

    /// <summary>The output value of a layer whose field is centred nearest <paramref name="centre"/> along one axis.</summary>
    private static int Nearest(FieldAxis axis, double centre, int size) =>
        (int)Math.Clamp(Math.Round((centre - axis.Start - (axis.Size - 1) / 2.0) / axis.Jump, MidpointRounding.AwayFromZero), 0, size - 1);

    private static int LastImageLayer(IReadOnlyList<LayerSummary> rows)
    {
        for (int i = rows.Count - 1; i >= 0; i--)
            if (rows[i].OutputShape.Length == 4 && rows[i].Field is { Whole: false }) return i;
        throw new ArgumentException("ReceptiveFieldFigure.Of: no layer of the model outputs feature maps [N, C, h, w].");
    }

    /// <summary>One line per region: layer, value, size and where it lies in the image.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"Receptive field of output [{Row}, {Column}] of layer {Layer} on the {Image.Size(0)}x{Image.Size(1)} image:"));
        foreach (var region in Regions)
            text.Append('\n').Append(region.Describe(Image.Size(0), Image.Size(1)));
        return text.ToString();
    }
}
