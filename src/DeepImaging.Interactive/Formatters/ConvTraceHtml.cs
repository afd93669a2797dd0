using System.Text;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// Draws a <see cref="ConvTrace"/> as one frame per step: the padded input with the window highlighted (padding
/// hatched, each covered cell showing its kernel weight), the kernel, the products, the sum and the output filled so far.
/// With several input channels each channel gets its own row (window, kernel slice, products, channel sum), followed by
/// the channel sums, the bias and the total, as CNN Explainer shows one output value.
/// Where scripts run, a slider and previous/next buttons show one frame at a time; without scripts every frame is visible.
/// </summary>
public static class ConvTraceHtml
{
    /// <summary>At most this many table cells are drawn over all frames; later steps are then listed as expressions only.</summary>
    public const int MaxCells = 20_000;

    /// <summary>The HTML for <paramref name="trace"/>.</summary>
    public static string Render(ConvTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        int steps = trace.Steps.Count;
        int cellsPerFrame = trace.PaddedInput.Count + 2 * trace.Kernel.Count + trace.Output.Count;
        int frames = Math.Clamp(MaxCells / cellsPerFrame, 1, steps);
        string id = Html.UniqueId("di-trace");

        var sb = new StringBuilder();
        var p = trace.Padding;
        sb.Append(Html.Caption(
            $"Conv2d trace: input {trace.Input.ShapeString}, kernel {trace.Kernel.ShapeString}{(trace.Bias is float bias ? $", bias {Html.Number(bias)}" : "")}, padding (top {p.Top}, bottom {p.Bottom}, left {p.Left}, right {p.Right}), stride {trace.Stride}, dilation {trace.Dilation} → output {trace.Output.ShapeString}, {steps} steps"));
        sb.Append("<div class=\"di-controls\"><button type=\"button\" class=\"di-prev\">◀ previous</button>")
          .Append("<input type=\"range\" class=\"di-slider\" min=\"0\" max=\"").Append(frames - 1).Append("\" value=\"0\"/>")
          .Append("<button type=\"button\" class=\"di-next\">next ▶</button><span class=\"di-position\"></span></div>");
        for (int k = 0; k < frames; k++)
            AppendFrame(sb, trace, trace.Steps[k]);
        if (frames < steps)
        {
            sb.Append(Html.Caption($"Pictures for the first {frames} of {steps} steps; every step's sum is listed below. Trace a smaller crop to see every frame."));
            sb.Append("<details><summary>All ").Append(steps).Append(" steps</summary><ol start=\"0\" class=\"di-expr\">");
            foreach (var step in trace.Steps)
                sb.Append("<li>output[").Append(step.OutputRow).Append(", ").Append(step.OutputColumn).Append("]: ").Append(Html.Escape(step.Expression)).Append("</li>");
            sb.Append("</ol></details>");
        }
        sb.Append(Script(id));
        return Html.Document(sb.ToString(), id);
    }

    private static void AppendFrame(StringBuilder sb, ConvTrace trace, ConvTraceStep step)
    {
        int steps = trace.Steps.Count;
        sb.Append("<div class=\"di-frame\" data-step=\"").Append(step.Index).Append("\"><div class=\"di-step\">Step ")
          .Append(step.Index + 1).Append(" of ").Append(steps).Append(" · output[").Append(step.OutputRow).Append(", ").Append(step.OutputColumn)
          .Append("] · window at row ").Append(step.WindowRow).Append(", column ").Append(step.WindowColumn).Append("</div>");

        int kernelRows = trace.Kernel.Size(-2), kernelColumns = trace.Kernel.Size(-1), window = kernelRows * kernelColumns;
        var kernel = trace.Kernel.AsSpan();
        var products = step.Products.ToArray();
        if (trace.Channels == 1)
        {
            sb.Append("<div class=\"di-row\">");
            AppendInput(sb, trace, step, 0, trace.Padding == (0, 0, 0, 0) ? "input" : "input (padded)");
            sb.Append("<span class=\"di-op\">⊙</span>");
            AppendSmallGrid(sb, kernel, kernelRows, kernelColumns, "di-kernel", "kernel", "di-kernel-grid");
            sb.Append("<span class=\"di-op\">=</span>");
            AppendSmallGrid(sb, products, kernelRows, kernelColumns, "di-win", "products", "di-products");
            sb.Append("<span class=\"di-op\">Σ →</span>");
        }
        else
        {
            // One row per input channel, as CNN Explainer draws it: window, kernel slice, products and the channel's sum.
            for (int c = 0; c < trace.Channels; c++)
            {
                sb.Append("<div class=\"di-row di-channel\" data-channel=\"").Append(c).Append("\">");
                AppendInput(sb, trace, step, c, $"input channel {c}{(trace.Padding == (0, 0, 0, 0) ? "" : " (padded)")}");
                sb.Append("<span class=\"di-op\">⊙</span>");
                AppendSmallGrid(sb, kernel.Slice(c * window, window), kernelRows, kernelColumns, "di-kernel", $"kernel channel {c}", "di-kernel-grid");
                sb.Append("<span class=\"di-op\">=</span>");
                AppendSmallGrid(sb, products.AsSpan(c * window, window), kernelRows, kernelColumns, "di-win", "products", "di-products");
                sb.Append("<span class=\"di-op\">Σ =</span><span class=\"di-channel-sum\">").Append(Html.Number(step.ChannelSums[c])).Append("</span></div>");
            }
            sb.Append("<div class=\"di-row\"><span class=\"di-total\">").Append(Html.Escape(string.Join(" + ", step.ChannelSums.Select(v => Html.Number(v)))))
              .Append(step.Bias is float b ? $" + bias {Html.Escape(Html.Number(b))}" : "").Append(" = ").Append(Html.Number(step.Sum))
              .Append("</span><span class=\"di-op\">→</span>");
        }
        AppendOutput(sb, trace, step);
        sb.Append("</div><div class=\"di-expr\">").Append(Html.Escape(step.Expression)).Append("</div></div>");
    }

    /// <summary>One channel of the padded input: window cells highlighted with their kernel weight as a subscript, padding hatched.</summary>
    private static void AppendInput(StringBuilder sb, ConvTrace trace, ConvTraceStep step, int channel, string caption)
    {
        int rows = trace.PaddedInput.Size(-2), columns = trace.PaddedInput.Size(-1), window = step.Cells.Count;
        var kernel = trace.Kernel.AsSpan().Slice(channel * window, window);
        var windowWeight = new Dictionary<(int, int), float>();
        for (int i = 0; i < window; i++) windowWeight[step.Cells[i]] = kernel[i];
        var padded = trace.PaddedInput.AsSpan().Slice(channel * rows * columns, rows * columns);
        sb.Append("<figure><table class=\"di-grid di-input\">");
        for (int r = 0; r < rows; r++)
        {
            sb.Append("<tr>");
            for (int c = 0; c < columns; c++)
            {
                bool inWindow = windowWeight.TryGetValue((r, c), out float weight);
                string cls = (trace.IsPadding(r, c), inWindow) switch
                {
                    (true, true) => "di-pad di-win",
                    (true, false) => "di-pad",
                    (false, true) => "di-win",
                    _ => "",
                };
                sb.Append(cls.Length > 0 ? $"<td class=\"{cls}\">" : "<td>").Append(Html.Number(padded[r * columns + c]));
                if (inWindow) sb.Append("<sub>×").Append(Html.Number(weight)).Append("</sub>");
                sb.Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table><figcaption>").Append(Html.Escape(caption)).Append("</figcaption></figure>");
    }

    /// <summary>The output so far: finished cells green, the current one highlighted, later ones empty.</summary>
    private static void AppendOutput(StringBuilder sb, ConvTrace trace, ConvTraceStep step)
    {
        var output = trace.Output.AsSpan();
        int outColumns = trace.Output.Size(1);
        sb.Append("<figure><table class=\"di-grid di-output\">");
        for (int r = 0; r < trace.Output.Size(0); r++)
        {
            sb.Append("<tr>");
            for (int c = 0; c < outColumns; c++)
            {
                int index = r * outColumns + c;
                string cls = index < step.Index ? "di-done" : index == step.Index ? "di-now" : "di-todo";
                sb.Append("<td class=\"").Append(cls).Append("\">").Append(index <= step.Index ? Html.Number(output[index]) : "·").Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table><figcaption>output</figcaption></figure>");
    }

    private static void AppendSmallGrid(StringBuilder sb, ReadOnlySpan<float> values, int rows, int columns, string cellClass, string caption, string tableClass)
    {
        sb.Append("<figure><table class=\"di-grid ").Append(tableClass).Append("\">");
        for (int r = 0; r < rows; r++)
        {
            sb.Append("<tr>");
            for (int c = 0; c < columns; c++)
                sb.Append("<td class=\"").Append(cellClass).Append("\">").Append(Html.Number(values[r * columns + c])).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</table><figcaption>").Append(caption).Append("</figcaption></figure>");
    }

    /// <summary>
    /// The stepper: shows the controls, then one frame at a time. It only hides frames, so without scripts (GitHub,
    /// static exports) every frame stays visible. Wrapped in CDATA so the output stays well-formed XML.
    /// </summary>
    private static string Script(string id) => $$"""
        <script>//<![CDATA[
        (function () {
          var root = document.getElementById('{{id}}');
          if (!root) return;
          var frames = root.querySelectorAll('.di-frame');
          var slider = root.querySelector('.di-slider');
          var position = root.querySelector('.di-position');
          root.querySelector('.di-controls').style.display = 'flex';
          function show(i) {
            i = Math.max(0, Math.min(frames.length - 1, i));
            frames.forEach(function (f, j) { f.style.display = j === i ? '' : 'none'; });
            slider.value = i;
            position.textContent = 'step ' + (i + 1) + ' of ' + frames.length;
          }
          slider.addEventListener('input', function () { show(+slider.value); });
          root.querySelector('.di-prev').addEventListener('click', function () { show(+slider.value - 1); });
          root.querySelector('.di-next').addEventListener('click', function () { show(+slider.value + 1); });
          show(0);
        })();
        //]]></script>
        """;
}
