using System.Text.Json;
using System.Text.RegularExpressions;
using DeepImaging.Interactive.Exercises;

namespace DeepImaging.Interactive.Tests.Exercises;

/// <summary>
/// The exercise cells of the course notebooks: each checks one exercise of the key by its id, shows no expected value,
/// and accepts any numeric literal as the answer.
/// </summary>
public sealed partial class ExerciseNotebookTests(LoadedKernel loaded) : IClassFixture<LoadedKernel>
{
    /// <summary>An exercise as a notebook asks it: the check cell and the markdown question above it.</summary>
    internal sealed record ExerciseCell(string Notebook, string Id, string Variable, string Code, string Question, string NotebookText);

    private static readonly string Folder = Repository.PathOf("notebooks");

    private static IReadOnlyList<ExerciseCell> Cells { get; } = [.. Directory.GetFiles(Folder, "*.ipynb").Order().SelectMany(Read)];

    public static TheoryData<string> Ids() => [.. ExerciseAnswers.All.Select(a => a.Id)];

    private static ExerciseCell CellOf(string id) => Cells.Single(c => c.Id == id);

    private static ExerciseAnswer Plain(string id) => ExerciseAnswers.All.Single(a => a.Id == id);

    [Fact]
    public void Every_exercise_of_the_key_is_checked_by_exactly_one_notebook_cell()
    {
        Assert.Equal(ExerciseAnswers.All.Select(a => a.Id).Order(), Cells.Select(c => c.Id).Order());
    }

    [Fact]
    public void Every_check_in_the_notebooks_passes_only_an_id_and_the_answer_variable()
    {
        string code = string.Join("\n", Directory.GetFiles(Folder, "*.ipynb").SelectMany(CodeCells));
        Assert.Equal(Regex.Matches(code, @"Exercise\.Check\(").Count, CheckCall().Matches(code).Count);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_exercise_cell_and_its_question_do_not_show_the_answer(string id)
    {
        var (cell, plain) = (CellOf(id), Plain(id));
        Assert.DoesNotContain(plain.Canonical, AnswerText.NumbersIn(cell.Code, plain.Decimals));
        Assert.DoesNotContain(plain.Canonical, AnswerText.NumbersIn(cell.Question, plain.Decimals));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_notebook_does_not_show_a_distinctive_answer_anywhere(string id)
    {
        // Two digits or more ("17", "0.92", "409,801"); small numbers like 3 occur everywhere without giving anything away.
        var (cell, plain) = (CellOf(id), Plain(id));
        if (plain.Canonical.Replace(".", "").TrimStart('0').Length < 2)
            return;
        string text = ExerciseNumber().Replace(cell.NotebookText, ""); // "**4.3.1**" and "Check(\"4.3\"" are names, not answers
        Assert.DoesNotContain(plain.Canonical, AnswerText.NumbersIn(text, plain.Decimals));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_question_states_the_precision_the_answer_is_checked_to(string id)
    {
        var (cell, plain) = (CellOf(id), Plain(id));
        if (plain.Decimals == 2)
            Assert.Contains("two decimals", cell.Question);
        else
            Assert.DoesNotContain("decimal", cell.Question);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task The_exercise_cell_runs_with_null_and_with_the_answer_as_any_numeric_literal(string id)
    {
        var (cell, plain) = (CellOf(id), Plain(id));
        Assert.Null(await RunWith(cell, "null"));

        string number = plain.Canonical; // e.g. "2.10" or "17"
        var literals = new List<string> { number, number + "f", number + "m" };
        if (plain.Decimals == 0)
            literals.AddRange([number + "L", number + ".0"]);
        foreach (string literal in literals)
            Assert.True(await RunWith(cell, literal), $"{cell.Notebook}: exercise {id} with {literal} did not say correct");
    }

    /// <summary>Runs the exercise cell with <paramref name="literal"/> in place of its null; returns the verdict.</summary>
    private async Task<bool?> RunWith(ExerciseCell cell, string literal)
    {
        string code = Regex.Replace(cell.Code, @$"\b{cell.Variable} = null;", $"{cell.Variable} = {literal};");
        var result = await loaded.Kernel.RunAsync(code);
        Assert.True(result.Succeeded, $"{cell.Notebook}, exercise {cell.Id} with {literal}: {result.Error}");
        return Assert.IsType<ExerciseResult>(result.ReturnValue).Correct;
    }

    private static IEnumerable<ExerciseCell> Read(string path)
    {
        var cells = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => (Type: c.GetProperty("cell_type").GetString(), Source: Source(c))).ToList();
        string notebook = Path.GetFileNameWithoutExtension(path);
        string text = string.Join("\n", cells.Select(c => c.Source));
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i].Type != "code" || CheckCall().Match(cells[i].Source) is not { Success: true } call)
                continue;
            string question = cells.Take(i).Last(c => c.Type == "markdown").Source;
            yield return new ExerciseCell(notebook, call.Groups["id"].Value, call.Groups["variable"].Value, cells[i].Source, question, text);
        }
    }

    private static IEnumerable<string> CodeCells(string path) =>
        JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code").Select(Source);

    private static string Source(JsonElement cell) => string.Concat(cell.GetProperty("source").EnumerateArray().Select(s => s.GetString()));

    [GeneratedRegex(@"Exercise\.Check\(""(?<id>[\d.]+)"", (?<variable>answer\d+)\)")]
    private static partial Regex CheckCall();

    [GeneratedRegex(@"\*\*\d+(\.\d+)*\*\*|Check\(""[\d.]+""|\banswer\d+\b|\b\d+(\.\d+)* ·")]
    private static partial Regex ExerciseNumber();
}
