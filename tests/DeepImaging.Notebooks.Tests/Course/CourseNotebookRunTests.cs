namespace DeepImaging.Notebooks.Tests.Course;

/// <summary>Every cell of every course notebook runs, and the numbers of the course notes come out of executed cells.</summary>
[Collection(CourseRun.CollectionName)]
public class CourseNotebookRunTests(CourseRun run)
{
    [Theory]
    [MemberData(nameof(CourseNotebooks.All), MemberType = typeof(CourseNotebooks))]
    public void Every_cell_runs_without_an_error(string notebook)
    {
        var result = run[notebook];
        Assert.True(result.Succeeded, result.FirstFailure?.Describe(notebook) ?? result.StatusText);
        Assert.All(result.Cells.Where(c => c.Status != CellStatus.Markdown), c => Assert.Equal(CellStatus.Succeeded, c.Status));
    }

    [Fact]
    public void The_screening_notebook_counts_2_x_4_plus_4_equals_12_parameters()
    {
        string output = run.OutputOf("02-disease-screening");
        Assert.Contains(CourseNotes.DenseLayerParameters, output);
        Assert.Contains("2 -> 4 layer: 12 parameters", output);
    }

    [Fact]
    public void The_fully_connected_notebook_counts_196_610_001_parameters()
    {
        string output = run.OutputOf("03-fully-connected-limits");
        Assert.Contains(CourseNotes.FullyConnectedParameters, output);
        Assert.Contains("196,608 x 1,000 + 1,000 = 196,609,000", output);
        Assert.Contains("float32 storage: 786.4 MB", output);
    }

    [Fact]
    public void The_convolution_notebook_computes_19_25_37_43_step_by_step()
    {
        string output = run.OutputOf("04-convolution");
        Assert.All(CourseNotes.ConvolutionSteps, step => Assert.Contains(step, output));
        Assert.Contains("tensor([[19., 25.],\n        [37., 43.]])", output);
    }

    [Fact]
    public void The_padding_notebook_gives_254_256_258_for_valid_same_full()
    {
        string output = run.OutputOf("04-2-padding");
        Assert.Contains("floor((256 + 2x0 - 1x(3-1) - 1) / 1) + 1 = 254", output);
        Assert.Contains("floor((256 + 2x1 - 1x(3-1) - 1) / 1) + 1 = 256", output);
        Assert.Contains("floor((256 + 2x2 - 1x(3-1) - 1) / 1) + 1 = 258", output);
        Assert.Contains("real outputs: 254, 256, 258", output);
    }

    [Fact]
    public void The_stride_notebook_states_the_strided_sizes_256_128_86()
    {
        string output = run.OutputOf("04-3-stride");
        Assert.Contains("stride 1: floor((256 + 2x1 - 1x(3-1) - 1) / 1) + 1 = 256", output);
        Assert.Contains("stride 2: floor((256 + 2x1 - 1x(3-1) - 1) / 2) + 1 = 128", output);
        Assert.Contains("stride 3: floor((256 + 2x1 - 1x(3-1) - 1) / 3) + 1 = 86", output);
        Assert.Contains("stride 2: 3 outputs, kernel starts at columns 0, 2, 4", output);
        Assert.Contains("padding 1, stride 2", output);
    }

    [Fact]
    public void The_parameter_sharing_notebook_finds_the_shifted_lesion_where_it_was_moved()
    {
        Assert.Contains("strongest response before the shift: (40, 30), after: (45, 40)", run.OutputOf("04-1-parameter-sharing"));
    }

    [Fact]
    public void The_screening_cnn_reports_sensitivity_and_specificity()
    {
        string output = run.OutputOf("05-screening-cnn");
        var match = System.Text.RegularExpressions.Regex.Match(output, @"accuracy (\d+\.\d) %, sensitivity (\d+\.\d) %, specificity (\d+\.\d) %");
        Assert.True(match.Success, "the CNN notebook printed no accuracy line");
        Assert.True(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 85, match.Value);
    }
}
