using DeepImaging.Notebooks.Grading;
using static DeepImaging.Notebooks.Tests.Grading.InstructorNotebooks;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>How the grader reads an instructor notebook, and every way of breaking the format it names.</summary>
public sealed class AssignmentSourceTests : IDisposable
{
    private readonly string folder = TestNotebooks.NewFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private AssignmentSource Load(params string[] cells) => AssignmentSource.Load(Write(folder, "a.ipynb", cells));

    [Fact]
    public void A_test_is_read_with_its_name_points_visible_part_and_hidden_part()
    {
        var source = Load(Solution, Test, "// TEST one (1 point)\nif (Twice(0) != 0) throw new global::System.Exception(\"Twice(0) should be 0\");");
        Assert.Empty(source.Problems);
        Assert.Equal(["twice", "one"], source.Tests.Select(t => t.Name));
        Assert.Equal([2m, 1m], source.Tests.Select(t => t.Points));
        Assert.Equal(3, source.MaxPoints);
        var twice = source.Tests[0];
        Assert.True(twice.HasHiddenChecks);
        Assert.DoesNotContain("secretSix", twice.Visible);
        Assert.Equal([false, true], twice.Segments.Select(s => s.Hidden));
        Assert.Contains("Twice(3)", twice.Segments[1].Code);
        Assert.False(source.Tests[1].HasHiddenChecks);
        Assert.Equal(["Twice"], source.StudentNames);
    }

    [Fact]
    public void A_visible_part_after_a_hidden_one_keeps_the_line_numbers_students_see()
    {
        var source = Load(Solution, "// TEST t (1 point)\nlong a = Twice(1);\n// BEGIN HIDDEN TESTS\nlong b = Twice(2);\n// END HIDDEN TESTS\nlong c = Twice(3);");
        var segments = source.Tests[0].Segments;
        Assert.Equal([false, true, false], segments.Select(s => s.Hidden));
        Assert.Equal(2, segments[2].Code.Split('\n').Length - 1);  // two blank lines stand for the visible lines above
        Assert.EndsWith("long c = Twice(3);", segments[2].Code);
    }

    [Theory]
    [InlineData("Math.Abs(Twice(-1))", "'Math'")]
    [InlineData("Assert.Equal(4, Twice(2))", "'Assert'")]
    [InlineData("new Exception(\"x\")", "'Exception'")]
    [InlineData("System.Math.Abs(Twice(1))", "'System'")]
    public void A_test_that_names_library_code_by_a_short_name_is_refused_since_a_student_could_define_it(string code, string named)
    {
        var source = Load(Solution, $"// TEST t (1 point)\nobject x = {code};");
        var problem = Assert.Single(source.Problems);
        Assert.Contains(named, problem);
        Assert.Contains("global::", problem);
        Assert.Contains("test t, line 2", problem);
    }

    [Fact]
    public void A_test_may_name_what_it_declares_what_students_write_and_anything_from_global()
    {
        var source = Load(Solution,
            "// TEST t (1 point)\nlong Helper(long v) => v;\nint[] sizes = new[] { 1, 2 };\n" +
            "foreach ((int a, int b) in new[] { (1, 2) }) { global::System.Console.WriteLine(a + b); }\n" +
            "try { Twice(1); } catch (global::System.ArgumentException e) { global::System.Console.WriteLine(e.Message); }\n" +
            "global::System.Func<int, long> f = n => Twice(n) + Helper(n);\n" +
            "double d = global::System.Math.Abs(f(sizes.Length));\nglobal::System.String.Join(\", \", sizes);");
        Assert.Empty(source.Problems);
    }

    [Fact]
    public void A_test_that_declares_with_var_is_refused()
    {
        var problem = Assert.Single(Load(Solution, "// TEST t (1 point)\nvar x = Twice(1);").Problems);
        Assert.Contains("'var' would mean a student's own class named var", problem);
    }

    [Theory]
    [InlineData("// begin solution", "looks like a marker")]
    [InlineData("//BEGIN SOLUTION", "looks like a marker")]
    [InlineData("// BEGIN HIDDEN TEST", "looks like a marker")]
    public void A_line_that_looks_like_a_marker_but_is_not_one_is_refused_so_no_solution_leaks(string marker, string message)
    {
        var source = Load($"long Twice(int x)\n{{\n    {marker}\n    return 2L * x;\n    // END SOLUTION\n}}", Test);
        Assert.Contains(source.Problems, p => p.Contains(message) && p.Contains(marker.Trim()));
    }

    [Fact]
    public void Unpaired_markers_misplaced_regions_bad_headers_and_twin_names_are_each_named()
    {
        var source = Load(
            "long Twice(int x)\n{\n    // BEGIN SOLUTION\n    return 2L * x;\n}",
            "// BEGIN HIDDEN TESTS\nint y = 1;\n// END HIDDEN TESTS",
            "// TEST twice (2 pointz)\nlong z = 1;",
            "// TEST same (1 point)\nlong p = 1;",
            "// TEST same (1 point)\nlong q = 1;\n// BEGIN SOLUTION\nlong r = 2;\n// END SOLUTION");
        Assert.Contains(source.Problems, p => p.StartsWith("cell 1, line 3: '// BEGIN SOLUTION' is never closed"));
        Assert.Contains(source.Problems, p => p.StartsWith("cell 2: hidden tests belong in a test cell"));
        Assert.Contains(source.Problems, p => p.StartsWith("cell 3: '// TEST twice (2 pointz)' is not a test header"));
        Assert.Contains(source.Problems, p => p.StartsWith("cell 5: the test name 'same' is taken by cell 4"));
        Assert.Contains(source.Problems, p => p.StartsWith("cell 5: a solution region belongs in a code cell that is not a test"));
    }

    [Fact]
    public void A_hidden_region_inside_a_block_is_refused_because_it_runs_apart_from_the_visible_lines()
    {
        var source = Load(Solution, "// TEST t (1 point)\nif (Twice(1) == 2)\n{\n// BEGIN HIDDEN TESTS\n    Twice(3);\n// END HIDDEN TESTS\n}");
        Assert.Contains(source.Problems, p => p.Contains("a hidden region must hold whole statements at the top level"));
    }

    [Fact]
    public void A_notebook_without_tests_is_refused()
    {
        Assert.Contains(Load(Solution).Problems, p => p.StartsWith("the notebook has no test cell"));
    }

    [Fact]
    public void Relative_paths_to_existing_files_are_data_and_the_notebooks_own_folder_is_not()
    {
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "data", "x.csv"), "1");
        var source = Load(Solution,
            "// TEST t (1 point)\nstring text = global::System.IO.File.ReadAllText(\"data/x.csv\");\n" +
            "string[] all = global::System.IO.Directory.GetFiles(\"..\");\nstring none = \"missing.csv\";");
        Assert.Empty(source.Problems);
        Assert.Equal(["data/x.csv"], source.DataPaths);
    }

    [Fact]
    public void The_student_version_refuses_to_carry_a_solution_line_copied_into_markdown()
    {
        var path = TestNotebooks.Write(folder, "leaky.ipynb",
            WithId(TestNotebooks.Code(Solution), "c0"), WithId(TestNotebooks.Markdown("Hint: `return 2L * x;`"), "m1"),
            WithId(TestNotebooks.Code(Test), "c2"));
        var source = AssignmentSource.Load(path);
        Assert.Empty(source.Problems);
        var error = Assert.Throws<InvalidOperationException>(() => StudentVersion.Make(source));
        Assert.Contains("'return 2L * x;'", error.Message);
    }
}
