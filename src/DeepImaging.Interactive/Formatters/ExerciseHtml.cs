using System.Net;
using DeepImaging.Interactive.Exercises;

namespace DeepImaging.Interactive.Formatters;

/// <summary>Renders an <see cref="ExerciseResult"/> as a small coloured note: green when right, amber when not yet, grey when unanswered.</summary>
public static class ExerciseHtml
{
    /// <summary>The note as an HTML fragment.</summary>
    public static string Render(ExerciseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (mark, background, border) = result.Correct switch
        {
            true => ("✓", "#d1fae5", "#059669"),
            false => ("✗", "#fef3c7", "#d97706"),
            null => ("…", "#f3f4f6", "#9ca3af"),
        };
        return $"<div style=\"font-family:system-ui,sans-serif;font-size:13px;margin:4px 0;padding:6px 10px;border-left:4px solid {border};" +
               $"background:{background};color:#1f2937;border-radius:4px\"><b>{mark} {WebUtility.HtmlEncode(result.Name)}</b>: {WebUtility.HtmlEncode(result.Message)}</div>";
    }
}
