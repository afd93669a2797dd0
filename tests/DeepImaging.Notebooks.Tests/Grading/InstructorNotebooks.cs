namespace DeepImaging.Notebooks.Tests.Grading;

/// <summary>Small instructor notebooks written for a test, in the assignment format.</summary>
internal static class InstructorNotebooks
{
    /// <summary>A cell that defines the function students write, with its solution region.</summary>
    public const string Solution = "long Twice(int x)\n{\n    // BEGIN SOLUTION\n    return 2L * x;\n    // END SOLUTION\n}";

    /// <summary>A test with a visible and a hidden check.</summary>
    public const string Test =
        "// TEST twice (2 points)\nlong four = Twice(2);\nif (four != 4)\n    throw new global::System.Exception($\"Twice(2) should be 4, not {four}\");\n" +
        "// BEGIN HIDDEN TESTS\nlong secretSix = Twice(3);\nif (secretSix != 6)\n    throw new global::System.Exception($\"Twice(3) should be 6, not {secretSix}\");\n// END HIDDEN TESTS";

    /// <summary>Writes an instructor notebook whose cells have the ids c0, c1, ...</summary>
    public static string Write(string folder, string fileName, params string[] codeCells) =>
        TestNotebooks.Write(folder, fileName, codeCells.Select((source, i) => WithId(TestNotebooks.Code(source), $"c{i}")).ToArray());

    /// <summary>Gives a cell made by <see cref="TestNotebooks"/> an id.</summary>
    public static object WithId(object cell, string id)
    {
        ((Dictionary<string, object?>)cell)["id"] = id;
        return cell;
    }
}
