using DeepImaging.Interactive.Exercises;

namespace DeepImaging.Interactive.Formatters;

/// <summary>Renders an <see cref="ExerciseResult"/> as a small coloured note: green when right, amber when not yet, grey when unanswered.</summary>
public static class ExerciseHtml
{
    /// <summary>The note as an HTML fragment.</summary>
    public static string Render(ExerciseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (mark, state) = result.Correct switch
        {
            true => ("✓", " di-right"),
            false => ("✗", " di-wrong"),
            null => ("…", ""),
        };
        return Html.Document($"<div class=\"di-note{state}\"><span class=\"di-mark\">{mark}</span> " +
                             $"<b>{Html.Escape(result.Name)}</b>: {Html.Escape(result.Message)}</div>");
    }
}
