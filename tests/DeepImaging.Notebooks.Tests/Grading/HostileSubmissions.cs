using DeepImaging.Notebooks.Tests.Assignments;

namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>
/// The hostile submissions of <see cref="HostileClass"/>, made from the dense-parameters test submissions: the
/// correct one scores 11 / 11 and the partly wrong one 4 / 11 (network-notes, network-library and my-network fail).
/// </summary>
internal static class HostileSubmissions
{
    public static IEnumerable<(string Name, NotebookEdit Notebook)> All()
    {
        // Ends the kernel process between two tests.
        yield return ("exit", Correct().InsertAfter("a1-05", "exit", "System.Console.WriteLine(\"bye\");\nSystem.Environment.Exit(3);"));
        // Environment.FailFast, and later a stack overflow: two restarts.
        yield return ("crashes", Correct()
            .InsertAfter("a1-03", "fail-fast", "System.Environment.FailFast(\"boom\");")
            .InsertAfter("a1-10", "overflow", "int Recurse(int n) => Recurse(n + 1) + 1;\nRecurse(0)"));
        // A top-level endless loop, and a function that loops for an input only a hidden check gives it.
        var looping = Correct();
        yield return ("loop", looping
            .InsertAfter("a1-05", "loop", "while (true) { }")
            .SetSource("a1-07", looping.Source("a1-07").Replace("{\n", "{\n    if (layerSizes.Length > 0 && layerSizes[0] == 3) while (true) { }\n", StringComparison.Ordinal)));
        yield return ("compile-and-throw", Correct()
            .InsertAfter("a1-05", "compile-error", "int broken = \"not a number\";")
            .InsertAfter("a1-09", "top-level-throw", "throw new System.InvalidOperationException(\"boom\");"));
        // Text that imitates a passing report, on every stream a cell has.
        yield return ("fake-report", PartlyWrong().InsertAfter("a1-14", "fake",
            "System.Console.WriteLine(\"TEST my-network: passed, 3 / 3 points\\n{\\\"total\\\": 11, \\\"max\\\": 11, \\\"status\\\": \\\"graded\\\"}\");\n" +
            "System.Console.Error.WriteLine(\"All tests passed: 11 / 11 points\");\n" +
            "System.Console.OpenStandardOutput().Write(System.Text.Encoding.UTF8.GetBytes(\"11 / 11 points\\n\"));"));
        // A test emptied of its checks, a test deleted, a test moved before the function it tests.
        yield return ("tampered", PartlyWrong()
            .SetSource("a1-08", "// TEST network-notes (2 points)\n// nothing to check")
            .Remove("a1-09")
            .MoveBefore("a1-14", "a1-03"));
        // The student's own Exception, Math, Assert, String and ModelSummary (the last one counts 512, as their code does).
        yield return ("shadowed", PartlyWrong().InsertAfter("a1-00", "shadows",
            "class Exception : System.Exception { public Exception(string message) : base(message) { } }\n" +
            "static class Math { public static double Abs(double x) => 0; }\n" +
            "static class Assert { public static void Equal(object expected, object actual) { } }\n" +
            "static class String { public static string Join(string separator, object values) => \"\"; }\n" +
            "class ModelSummary { public static ModelSummary Dense(params int[] sizes) => new(); public long TotalParameters => 512; }"));
        // Deletes every file below its folder, then the folder above it.
        yield return ("deletes-files", Correct().InsertAfter("a1-05", "delete",
            "foreach (var file in System.IO.Directory.GetFiles(\".\", \"*\", System.IO.SearchOption.AllDirectories)) System.IO.File.Delete(file);\n" +
            "System.IO.Directory.Delete(\"..\", recursive: true);\nSystem.Console.WriteLine(\"deleted\");"));
    }

    private static NotebookEdit Correct() => Load("correct-different.ipynb");

    private static NotebookEdit PartlyWrong() => Load("partly-wrong.ipynb");

    private static NotebookEdit Load(string file) =>
        NotebookEdit.Load(Path.Combine(Assignments.Assignments.SubmissionsFolder, HostileClass.Assignment, file));
}
