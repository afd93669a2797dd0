namespace DeepImaging.Interactive.Exercises;

/// <summary>The verdict of one "check your answer" cell: not answered yet, right, or not yet right (with a hint).</summary>
/// <param name="Name">The exercise, e.g. "4.1 output[1, 0]".</param>
/// <param name="Correct">null while the answer is still <c>null</c>; otherwise whether it matches.</param>
/// <param name="Message">What to tell the student.</param>
public sealed record ExerciseResult(string Name, bool? Correct, string Message)
{
    /// <summary>"✓ 4.1 output[1, 0]: correct" and the like.</summary>
    public override string ToString() => $"{(Correct switch { true => "✓", false => "✗", null => "…" })} {Name}: {Message}";
}
