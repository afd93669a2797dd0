namespace DeepImaging.Interactive.Exercises;

/// <summary>One exercise of the <see cref="ExerciseKey"/>.</summary>
/// <param name="Id">What the notebook passes to <see cref="Exercise.Check(string, Answer?)"/>, e.g. "4.2.1".</param>
/// <param name="Title">What the check shows, e.g. "4.2.1 same padding for 5x5".</param>
/// <param name="Decimals">The precision the exercise asks for; 0 for a whole number.</param>
/// <param name="AnswerHash">The hash of the right answer's canonical form (<see cref="ExerciseKey.Hash"/>).</param>
/// <param name="Hint">What to tell a student whose wrong answer is none of the anticipated <paramref name="Mistakes"/>.</param>
/// <param name="Mistakes">Wrong answers students are known to give, each with a hint written for that mistake.</param>
internal sealed record ExerciseKeyEntry(string Id, string Title, int Decimals, string AnswerHash, string Hint, IReadOnlyList<KnownMistake> Mistakes);
