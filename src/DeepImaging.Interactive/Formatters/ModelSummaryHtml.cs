using System.Globalization;
using System.Text;
using DeepImaging.NN;

namespace DeepImaging.Interactive.Formatters;

/// <summary>Draws a <see cref="ModelSummary"/> as a torchinfo-like HTML table with totals and parameter memory.</summary>
public static class ModelSummaryHtml
{
    /// <summary>The HTML table for <paramref name="summary"/>: one row per layer, then the totals.</summary>
    public static string Render(ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        // For an image input, a last column gives each layer's receptive field (one input pixel before the first layer).
        bool fields = summary.HasReceptiveFields;
        var sb = new StringBuilder("<table class=\"di-summary\"><thead><tr><th>Layer</th><th>Type</th><th>Output shape</th><th class=\"di-num\">Parameters</th><th>Formula</th><th class=\"di-num\">Mult-adds</th>")
            .Append(fields ? "<th class=\"di-num\" title=\"height x width of the input region one output value sees\">Receptive field</th>" : "").Append("</tr></thead><tbody>");
        sb.Append("<tr><td></td><td>input</td><td>").Append(Html.Shape(summary.InputShape)).Append("</td><td class=\"di-num\"></td><td></td><td class=\"di-num\"></td>")
          .Append(fields ? "<td class=\"di-num\">1x1</td>" : "").Append("</tr>");
        foreach (var row in summary.Rows)
            sb.Append("<tr><td>").Append(Html.Escape(row.Name)).Append("</td><td>").Append(Html.Escape(row.Type))
              .Append("</td><td>").Append(Html.Shape(row.OutputShape))
              .Append("</td><td class=\"di-num\">").Append(row.Parameters == 0 ? "–" : Html.Count(row.Parameters))
              .Append("</td><td>").Append(Html.Escape(row.ParameterFormula))
              .Append("</td><td class=\"di-num\">").Append(row.MultAdds == 0 ? "–" : Html.Count(row.MultAdds))
              .Append(fields ? $"</td><td class=\"di-num\">{Html.Escape(SummaryText.ReceptiveField(row))}" : "").Append("</td></tr>");
        sb.Append("</tbody><tfoot><tr><td colspan=\"3\">Total</td><td class=\"di-num\">").Append(Html.Count(summary.TotalParameters))
          .Append("</td><td></td><td class=\"di-num\">").Append(Html.Count(summary.TotalMultAdds)).Append("</td>")
          .Append(fields ? "<td></td>" : "").Append("</tr></tfoot></table>");
        string memory = summary.ParameterMegabytes.ToString(summary.ParameterMegabytes < 0.01 ? "0.####" : "0.##", CultureInfo.InvariantCulture);
        sb.Append(Html.Caption($"Input {Html.Shape(summary.InputShape)} → output {Html.Shape(summary.OutputShape)} · " +
                               $"{Html.Count(summary.TotalParameters)} parameters × 4 bytes (float32) = {memory} MB"));
        return Html.Document(sb.ToString());
    }
}
