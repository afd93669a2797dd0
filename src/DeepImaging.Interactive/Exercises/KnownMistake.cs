namespace DeepImaging.Interactive.Exercises;

/// <summary>An anticipated wrong answer of an exercise (hashed like the right one) and the hint written for it.</summary>
/// <param name="AnswerHash">The hash of the wrong answer's canonical form.</param>
/// <param name="Hint">What the student most likely did, and what to do instead.</param>
internal sealed record KnownMistake(string AnswerHash, string Hint);
