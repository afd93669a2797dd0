using DeepImaging.Interactive.Exercises;

namespace DeepImaging.Interactive.Tests.Exercises;

/// <summary>A practice exercise of the course notebooks with its plain answer, which never goes into the package.</summary>
/// <param name="Id">What the notebook's check cell passes, e.g. "4.2.1".</param>
/// <param name="Title">What the check shows.</param>
/// <param name="Decimals">The precision the exercise text asks for; 0 for a whole number.</param>
/// <param name="Right">The right answer, computed with the library.</param>
/// <param name="Hint">The hint for a wrong answer that is none of the <paramref name="Mistakes"/>.</param>
/// <param name="Mistakes">Wrong answers students give, each with the hint for the mistake behind it.</param>
internal sealed record ExerciseAnswer(string Id, string Title, int Decimals, double Right, string Hint, IReadOnlyList<Mistake> Mistakes)
{
    /// <summary>The form the package stores: hashes instead of numbers, the hints as they are.</summary>
    public ExerciseKeyEntry ToKeyEntry() => new(Id, Title, Decimals, HashOf(Right), Hint,
        [.. Mistakes.Select(m => new KnownMistake(HashOf(m.Answer), m.Hint))]);

    /// <summary>The right answer as the key hashes it, e.g. "2.10".</summary>
    public string Canonical => ExerciseKey.Canonical(Right, Decimals);

    private string HashOf(double answer) => ExerciseKey.Hash(Id, ExerciseKey.Canonical(answer, Decimals));

    /// <inheritdoc />
    public override string ToString() => Id; // test names show the exercise id only, never the answer
}
