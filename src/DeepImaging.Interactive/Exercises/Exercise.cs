using System.Globalization;

namespace DeepImaging.Interactive.Exercises;

/// <summary>
/// "Check your answer" cells for the course notebooks. A check never throws: an unanswered exercise (answer still
/// <c>null</c>) or a wrong answer is reported in the output, so a notebook runs from top to bottom whatever the student wrote.
/// </summary>
public static class Exercise
{
    /// <summary>Compares a numeric answer with the expected value, within <paramref name="tolerance"/>.</summary>
    public static ExerciseResult Check(string name, double? answer, double expected, double tolerance = 0, string? hint = null)
    {
        string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        if (answer is not double given)
            return new(name, null, "not answered yet: replace null with your answer and run the cell again.");
        if (Math.Abs(given - expected) <= tolerance)
            return new(name, true, $"correct, {Show(given)}.");
        return new(name, false, $"{Show(given)} is not right yet{(hint is null ? "" : ": " + hint)}. Try again.");
    }

    /// <summary>Compares any other answer (a word, a shape) with the expected one.</summary>
    public static ExerciseResult Check<T>(string name, T? answer, T expected, string? hint = null) where T : class
    {
        if (answer is null)
            return new(name, null, "not answered yet: replace null with your answer and run the cell again.");
        return EqualityComparer<T>.Default.Equals(answer, expected)
            ? new(name, true, $"correct, {answer}.")
            : new(name, false, $"{answer} is not right yet{(hint is null ? "" : ": " + hint)}. Try again.");
    }
}
