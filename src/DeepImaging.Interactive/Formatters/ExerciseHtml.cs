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
        // Translucent tints over the inherited text colour: the note reads on light and dark notebook themes alike.
        var (mark, tint, accent) = result.Correct switch
        {
            true => ("✓", "rgba(16,185,129,.14)", "#059669"),
            false => ("✗", "rgba(245,158,11,.16)", "#d97706"),
            null => ("…", "rgba(128,128,128,.12)", "#9ca3af"),
        };
        return $"<div style=\"font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;line-height:1.45;margin:4px 0;padding:7px 12px;" +
               $"border-left:4px solid {accent};background:{tint};border-radius:0 6px 6px 0\"><b style=\"color:{accent}\">{mark}</b> " +
               $"<b>{WebUtility.HtmlEncode(result.Name)}</b>: {WebUtility.HtmlEncode(result.Message)}</div>";
    }
}
