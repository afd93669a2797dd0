using System.Globalization;

namespace DeepImaging.Interactive.Exercises;

/// <summary>
/// "Check your answer" cells for the course notebooks. A check never throws for what a student writes: an unanswered
/// exercise (answer still <c>null</c>) or a wrong answer is reported in the output, so a notebook runs from top to
/// bottom whatever the student wrote.
/// </summary>
public static class Exercise
{
    private const string NotAnswered = "not answered yet: replace null with your answer and run the cell again.";

    /// <summary>
    /// Checks the answer to one of the course's practice exercises against the answer key inside this package, which
    /// stores the answers hashed so that the notebook and the package do not give them away. The answer is rounded
    /// to the precision the exercise states (whole numbers unless it asks for decimals). A wrong answer gets the hint
    /// written for the mistake it most likely comes from (a percentage instead of a fraction, a kernel not flipped,
    /// a width instead of a count...).
    /// </summary>
    /// <param name="id">The exercise, e.g. "4.2.1".</param>
    /// <param name="answer">The student's number (any numeric type), or null while unanswered.</param>
    /// <exception cref="ArgumentException">No exercise has this id (a mistake of the notebook, not of the student).</exception>
    public static ExerciseResult Check(string id, Answer? answer)
    {
        var exercise = ExerciseKey.Find(id);
        if (answer is null)
            return new(exercise.Title, null, NotAnswered);
        if (!double.IsFinite(answer.Value))
            return new(exercise.Title, false, $"{answer} is not a number: {exercise.Hint}");
        string hash = ExerciseKey.Hash(exercise.Id, ExerciseKey.Canonical(answer.Value, exercise.Decimals));
        if (hash == exercise.AnswerHash)
            return new(exercise.Title, true, $"correct, {answer}.");
        if (exercise.Mistakes.FirstOrDefault(m => m.AnswerHash == hash) is { } mistake)
            return new(exercise.Title, false, $"{answer} is not right: {mistake.Hint}");
        if (exercise.Decimals == 0 && !ExerciseKey.IsWhole(answer.Value))
            return new(exercise.Title, false, $"{answer} is not a whole number, and this answer counts something. {exercise.Hint}");
        return new(exercise.Title, false, $"{answer} is not right: {exercise.Hint}");
    }

    /// <summary>Compares a numeric answer with an expected value given in the cell, within <paramref name="tolerance"/>.</summary>
    public static ExerciseResult Check(string name, double? answer, double expected, double tolerance = 0, string? hint = null)
    {
        string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        if (answer is not double given)
            return new(name, null, NotAnswered);
        if (Math.Abs(given - expected) <= tolerance)
            return new(name, true, $"correct, {Show(given)}.");
        return new(name, false, $"{Show(given)} is not right yet{(hint is null ? "" : ": " + hint)}. Try again.");
    }

    /// <summary>Compares any other answer (a word, a shape) with an expected one given in the cell.</summary>
    public static ExerciseResult Check<T>(string name, T? answer, T expected, string? hint = null) where T : class
    {
        if (answer is null)
            return new(name, null, NotAnswered);
        return EqualityComparer<T>.Default.Equals(answer, expected)
            ? new(name, true, $"correct, {answer}.")
            : new(name, false, $"{answer} is not right yet{(hint is null ? "" : ": " + hint)}. Try again.");
    }
}
