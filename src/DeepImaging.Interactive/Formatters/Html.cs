using System.Globalization;
using System.Net;
using System.Text;

namespace DeepImaging.Interactive.Formatters;

/// <summary>
/// The shared look of every formatter: one small style sheet (classes prefixed "di-" so they cannot clash with the
/// notebook's own), escaping, and number text. Output is well-formed XHTML, so tests can parse it with System.Xml.Linq.
/// </summary>
internal static class Html
{
    /// <summary>
    /// Calm, theme-neutral styling: text colour is inherited (light and dark themes both work) except on coloured
    /// cells, which set their own; borders are translucent grey, which reads on both backgrounds.
    /// </summary>
    private const string StyleSheet = """
        .di{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;line-height:1.35;margin:4px 0}
        .di .di-caption{font-size:11px;opacity:.8;margin:3px 0 4px}
        .di table.di-grid{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:2px 0}
        .di table.di-grid td{border:1px solid rgba(128,128,128,.35);padding:3px 7px;text-align:right;min-width:24px;font-size:13px}
        .di table.di-grid th{font-weight:normal;font-size:10px;opacity:.6;padding:0 4px;text-align:center;border:none;background:none}
        .di .di-nan{background:repeating-linear-gradient(45deg,#222 0 4px,#555 4px 8px)!important;color:#fff!important}
        .di .di-inf{background:#000!important;color:#fff!important;font-weight:600}
        .di .di-bar{height:10px;width:220px;border:1px solid rgba(128,128,128,.35);border-radius:2px}
        .di .di-scale{display:flex;align-items:center;gap:6px;font-size:11px;opacity:.9;margin:3px 0}
        .di .di-maps{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-start}
        .di figure{margin:0;display:inline-block;vertical-align:top}
        .di figcaption{font-size:11px;opacity:.78;text-align:center;margin-top:3px}
        .di img.di-img{image-rendering:pixelated;border:1px solid rgba(128,128,128,.35)}
        .di figure.di-panel{max-width:100%}
        .di figure.di-panel img.di-img{display:block;max-width:100%;height:auto;margin:0 auto}
        .di figure.di-panel .di-scale{justify-content:center;font-size:10px;margin:2px 0 0}
        .di .di-row{display:flex;flex-wrap:wrap;align-items:center;gap:10px}
        .di .di-op{font-size:18px;opacity:.6}
        .di .di-frame{border:1px solid rgba(128,128,128,.3);border-radius:8px;padding:8px 12px;margin:6px 0;background:rgba(128,128,128,.05)}
        .di .di-step{font-size:12px;font-weight:600;margin-bottom:6px}
        .di .di-expr{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;margin-top:6px}
        .di table.di-grid td.di-pad{color:#777;background:repeating-linear-gradient(45deg,rgba(128,128,128,.08) 0 3px,rgba(128,128,128,.18) 3px 6px);font-style:italic}
        .di table.di-grid td.di-win{background:#fde68a;color:#1f2937;font-weight:600;outline:2px solid #d97706;outline-offset:-2px}
        .di table.di-grid td.di-kernel{background:#dbeafe;color:#1e3a8a}
        .di table.di-grid td.di-done{background:#d1fae5;color:#064e3b}
        .di table.di-grid td.di-now{background:#fde68a;color:#1f2937;font-weight:700;outline:2px solid #d97706;outline-offset:-2px}
        .di table.di-grid td.di-todo{color:transparent}
        .di table.di-grid td sub{font-size:9px;color:#92400e;margin-left:1px}
        .di .di-controls{display:none;align-items:center;gap:8px;margin:4px 0}
        .di .di-controls button{font:inherit;padding:2px 12px;border:1px solid rgba(128,128,128,.5);border-radius:6px;background:rgba(128,128,128,.08);color:inherit;cursor:pointer}
        .di .di-controls button:hover{background:rgba(128,128,128,.2)}
        .di .di-position{font-size:12px;opacity:.8;font-variant-numeric:tabular-nums}
        .di table.di-summary{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:2px 0}
        .di table.di-summary th,.di table.di-summary td{border:none;border-bottom:1px solid rgba(128,128,128,.25);padding:4px 12px;text-align:left;background:none}
        .di table.di-summary thead th{font-weight:600;border-bottom:2px solid rgba(128,128,128,.55);white-space:nowrap}
        .di table.di-summary tbody tr:nth-child(even) td{background:rgba(128,128,128,.07)}
        .di table.di-summary th:nth-child(4),.di table.di-summary th:nth-child(6){text-align:right}
        .di table.di-summary td.di-num{text-align:right}
        .di table.di-summary tfoot td{font-weight:600;border-top:2px solid rgba(128,128,128,.55);border-bottom:none}
        .di svg text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
        """;

    /// <summary>Wraps <paramref name="body"/> in the styled root element every formatter returns.</summary>
    public static string Document(string body, string? id = null)
    {
        var sb = new StringBuilder("<div class=\"di\"");
        if (id is not null) sb.Append(" id=\"").Append(id).Append('"');
        return sb.Append("><style>").Append(StyleSheet.ReplaceLineEndings("")).Append("</style>").Append(body).Append("</div>").ToString();
    }

    /// <summary>Text made safe for element content and attribute values.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A number as grids and captions show it (same rules as the convolution trace: "19", "0.3333", "NaN").</summary>
    public static string Number(double value) => ConvTrace.FormatNumber((float)value);

    /// <summary>An integer with thousands separators: 196,610,001.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A shape as "[1, 3, 8, 8]".</summary>
    public static string Shape(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>An element id that is unique for each rendering, so several outputs on one page never collide.</summary>
    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
