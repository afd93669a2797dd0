using DeepImaging.Notebooks.Tests.Course;
using Xunit.Abstractions;

namespace DeepImaging.Notebooks.Tests.RealKernel;

/// <summary>
/// The course as a student's Jupyter runs it: every planned notebook through Debian's jupyter-nbconvert and the real
/// dotnet-interactive kernel, with no error, and the course notes' numbers and the extension's figures in its outputs.
/// </summary>
[Collection(RealKernelCollection.Name)]
public class RealKernelCourseTests(RealKernelRun run, ITestOutputHelper output) : IClassFixture<RealKernelRun>
{
    [RealKernelTheory]
    [MemberData(nameof(CourseNotebooks.AllWithAssignments), MemberType = typeof(CourseNotebooks))]
    public void Runs_in_Jupyter_on_the_dotnet_interactive_kernel_with_no_error(string file)
    {
        var notebook = run[file];
        output.WriteLine($"end-to-end run of all notebooks: {run.Elapsed.TotalSeconds:0} s; package {run.Version}; " +
                         $"{file}: {notebook.Attempts} kernel start(s)");
        Assert.True(notebook.ExitCode == 0, $"nbconvert exited with {notebook.ExitCode}:\n{Problem(notebook.Log)}");
        Assert.NotEmpty(notebook.Cells);
        Assert.Empty(notebook.Errors);
        Assert.All(notebook.Cells, c => Assert.NotNull(c.ExecutionCount));
        Assert.Contains($"DeepImaging.Interactive {run.Version} loaded", notebook.Cells[0].Text);
    }

    [RealKernelFact]
    public void The_notes_numbers_come_out_of_the_kernel()
    {
        Assert.Contains(CourseNotes.DenseLayerParameters, run["02-disease-screening.ipynb"].Text);
        Assert.Contains(CourseNotes.FullyConnectedParameters, run["03-fully-connected-limits.ipynb"].Text);
        Assert.All(CourseNotes.ConvolutionSteps, step => Assert.Contains(step, run["04-convolution.ipynb"].Text));
    }

    [RealKernelFact]
    public void Tensors_show_as_a_grid_networks_as_SVG_and_charts_draw()
    {
        // The tensor formatter's grid, with the notes' cross-correlation result in it.
        var result = run["04-convolution.ipynb"].CellWithLineStarting("Conv2d(input, kernel)");
        Assert.Contains("class=\"di-grid\"", result.Html);
        // The network diagram of notebook 01 is an SVG drawing.
        Assert.Contains(run["01-what-is-deep-learning.ipynb"].Cells, c => c.Html.Contains("<svg", StringComparison.Ordinal));
        // The ROC chart produced a figure (Plotly's, or an image standing in for it), not an error.
        var roc = run["02-disease-screening.ipynb"].CellWithLineStarting("Charts.Roc(");
        Assert.Empty(roc.Errors);
        Assert.True(roc.Html.Length > 1000 &&
                    (roc.Html.Contains("plotly", StringComparison.OrdinalIgnoreCase) || roc.Html.Contains("<svg", StringComparison.Ordinal) ||
                     roc.Html.Contains("<img", StringComparison.Ordinal)),
            $"the ROC cell drew no chart: {roc.Html[..Math.Min(300, roc.Html.Length)]}");
    }

    // What went wrong, without Python's stack frames: the kernel's own messages and the last lines.
    private static string Problem(string log)
    {
        var lines = log.ReplaceLineEndings("\n").Split('\n');
        return string.Join("\n", lines.Where(l => !l.StartsWith("  ", StringComparison.Ordinal)).TakeLast(40));
    }
}
