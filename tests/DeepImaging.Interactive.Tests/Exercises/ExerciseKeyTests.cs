using DeepImaging.Interactive.Exercises;

namespace DeepImaging.Interactive.Tests.Exercises;

/// <summary>
/// The practice exercises' answer key: generated from the plain answers in <see cref="ExerciseAnswers"/>, it accepts
/// each right answer in any numeric type and at the stated precision, and answers each anticipated mistake with its
/// own hint. After changing an exercise, regenerate the key and rebuild:
/// <c>DEEPIMAGING_WRITE_EXERCISE_KEY=1 dotnet test tests/DeepImaging.Interactive.Tests --filter The_committed_key_is_the_one_the_plain_answers_generate</c>.
/// </summary>
public sealed class ExerciseKeyTests
{
    private static readonly string KeyFile = Repository.PathOf("src", "DeepImaging.Interactive", "Exercises", "exercise-key.json");

    public static TheoryData<string> Ids() => [.. ExerciseAnswers.All.Select(a => a.Id)];

    private static ExerciseAnswer Plain(string id) => ExerciseAnswers.All.Single(a => a.Id == id);

    [Fact]
    public void The_committed_key_is_the_one_the_plain_answers_generate()
    {
        string generated = ExerciseKey.ToJson(ExerciseAnswers.All.Select(a => a.ToKeyEntry()));
        if (Environment.GetEnvironmentVariable("DEEPIMAGING_WRITE_EXERCISE_KEY") == "1")
            File.WriteAllText(KeyFile, generated);
        Assert.True(generated == File.ReadAllText(KeyFile),
            $"{KeyFile} is not the key that ExerciseAnswers generates: regenerate it with DEEPIMAGING_WRITE_EXERCISE_KEY=1 " +
            "dotnet test tests/DeepImaging.Interactive.Tests --filter The_committed_key_is_the_one_the_plain_answers_generate, then rebuild.");
    }

    [Fact]
    public void The_assembly_embeds_the_committed_key()
    {
        using var stream = typeof(Exercise).Assembly.GetManifestResourceStream(ExerciseKey.ResourceName);
        Assert.NotNull(stream);
        Assert.Equal(File.ReadAllText(KeyFile), new StreamReader(stream).ReadToEnd());
        Assert.Equal(ExerciseAnswers.All.Select(a => a.Id).Order(), ExerciseKey.Entries.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_right_answer_passes_as_a_double_a_float_or_a_decimal(string id)
    {
        var plain = Plain(id);
        double right = double.Parse(plain.Canonical, System.Globalization.CultureInfo.InvariantCulture);
        foreach (Answer answer in new Answer[] { plain.Right, right, (float)right, (decimal)right })
        {
            var result = Exercise.Check(id, answer);
            Assert.True(result.Correct == true, $"{id}: {answer} was refused: {result.Message}");
            Assert.Equal($"correct, {answer}.", result.Message);
            Assert.Equal(plain.Title, result.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_whole_number_answer_passes_as_an_int_or_a_long(string id)
    {
        var plain = Plain(id);
        if (plain.Decimals > 0)
            return; // answers with decimals are covered by the test above
        Assert.True(Exercise.Check(id, (int)plain.Right).Correct);
        Assert.True(Exercise.Check(id, (long)plain.Right).Correct);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void An_answer_passes_within_the_stated_precision_and_fails_beyond_it(string id)
    {
        var plain = Plain(id);
        double step = Math.Pow(10, -plain.Decimals);
        if (plain.Decimals > 0)
        {
            Assert.True(Exercise.Check(id, plain.Right + 0.4 * step).Correct);
            Assert.True(Exercise.Check(id, plain.Right - 0.4 * step).Correct);
        }
        Assert.False(Exercise.Check(id, plain.Right + step).Correct);
        Assert.False(Exercise.Check(id, plain.Right - step).Correct);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_anticipated_mistake_gets_the_hint_written_for_it(string id)
    {
        var plain = Plain(id);
        Assert.NotEmpty(plain.Mistakes);
        foreach (var mistake in plain.Mistakes)
        {
            var result = Exercise.Check(id, mistake.Answer);
            Assert.False(result.Correct, $"{id}: the mistake {mistake.Answer} passed");
            Assert.Equal($"{(Answer)mistake.Answer} is not right: {mistake.Hint}", result.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Another_wrong_answer_gets_the_exercise_hint(string id)
    {
        var plain = Plain(id);
        var result = Exercise.Check(id, plain.Right + 1000);
        Assert.False(result.Correct);
        Assert.Equal($"{(Answer)(plain.Right + 1000)} is not right: {plain.Hint}", result.Message);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_right_answer_sits_well_inside_its_rounding_interval(string id)
    {
        // A right answer next to a rounding boundary (say 0.925 at two decimals) would pass or fail by luck.
        var plain = Plain(id);
        if (plain.Decimals == 0)
        {
            Assert.True(ExerciseKey.IsWhole(plain.Right), $"{id} asks for a whole number");
            return;
        }
        double scaled = plain.Right * Math.Pow(10, plain.Decimals);
        Assert.True(Math.Abs(scaled - Math.Floor(scaled) - 0.5) > 0.1, $"{id}: {plain.Right} is too close to a rounding boundary");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_mistakes_differ_from_the_right_answer_and_from_each_other(string id)
    {
        var plain = Plain(id);
        var canonical = plain.Mistakes.Select(m => ExerciseKey.Canonical(m.Answer, plain.Decimals)).Prepend(plain.Canonical).ToList();
        Assert.Equal(canonical.Count, canonical.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void No_hint_or_title_gives_the_answer_away(string id)
    {
        var plain = Plain(id);
        if (plain.Canonical.Length < 2)
            return; // a one-digit answer (2, 5, 9) is in countless texts without giving anything away
        foreach (string text in plain.Mistakes.Select(m => m.Hint).Append(plain.Hint).Append(plain.Title))
            Assert.DoesNotContain(plain.Canonical, AnswerText.NumbersIn(text, plain.Decimals));
    }

    [Fact]
    public void A_fraction_where_a_count_is_asked_is_told_so()
    {
        var result = Exercise.Check("4.2", 9.5);
        Assert.False(result.Correct);
        Assert.StartsWith("9.5 is not a whole number, and this answer counts something. ", result.Message);
    }

    [Fact]
    public void An_unanswered_exercise_is_reported_as_not_answered_yet()
    {
        var result = Exercise.Check("1.1", null);
        Assert.Null(result.Correct);
        Assert.Equal("… 1.1 weighted sum: not answered yet: replace null with your answer and run the cell again.", result.ToString());
    }

    [Fact]
    public void Not_a_number_is_refused_with_the_exercise_hint()
    {
        var result = Exercise.Check("1.3", double.NaN);
        Assert.False(result.Correct);
        Assert.Equal($"NaN is not a number: {Plain("1.3").Hint}", result.Message);
    }

    [Fact]
    public void An_unknown_exercise_id_is_an_error_that_lists_the_exercises()
    {
        var error = Assert.Throws<ArgumentException>(() => Exercise.Check("9.9", 1));
        Assert.StartsWith("Exercise.Check: there is no exercise '9.9'; the exercises are 1.1, 1.2, 1.3, 2.1", error.Message);
    }

    [Fact]
    public void The_checks_with_an_expected_value_in_the_cell_still_work()
    {
        Assert.True(Exercise.Check("own", 3.0, 3.0).Correct);
        Assert.False(Exercise.Check("own", 3.5, 3.0, tolerance: 0.1, hint: "count again").Correct);
        Assert.True(Exercise.Check("shape", "[2, 3]", "[2, 3]").Correct);
    }
}
