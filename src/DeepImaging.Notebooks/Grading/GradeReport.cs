namespace DeepImaging.Notebooks.Grading;

/// <summary>Writes a submission's grade into its output folder: result.json, junit.xml, feedback.md, feedback.html and the graded notebook.</summary>
internal static class GradeReport
{
    /// <summary>The files a grade writes into its folder, besides the graded notebook (named as the submission).</summary>
    public static readonly string[] FileNames = ["result.json", "junit.xml", "feedback.md", "feedback.html"];

    /// <summary>Writes every file (atomically, so a reader never sees half of one).</summary>
    /// <param name="grade">The grade.</param>
    /// <param name="folder">The output folder (created if needed).</param>
    /// <param name="assignment">The assignment's name, for the reports: the instructor notebook's name without .ipynb.</param>
    public static void Write(SubmissionGrade grade, string folder, string assignment)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, "result.json"), ResultJson.Write(grade));
        AtomicFile.WriteAllText(Path.Combine(folder, "junit.xml"), JunitReport.Write(grade, assignment));
        AtomicFile.WriteAllText(Path.Combine(folder, "feedback.md"), Feedback.Markdown(grade, assignment));
        AtomicFile.WriteAllText(Path.Combine(folder, "feedback.html"), Feedback.Html(grade, assignment));
        if (grade.NotebookJson is { } notebook)
            AtomicFile.WriteAllText(Path.Combine(folder, grade.Submission), notebook);
    }
}
