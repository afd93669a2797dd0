using System.Globalization;
using System.Text.RegularExpressions;

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
        var match = Regex.Match(output, @"accuracy (\d+\.\d) %, sensitivity (\d+\.\d) %, specificity (\d+\.\d) %");
        Assert.True(match.Success, "the CNN notebook printed no accuracy line");
        Assert.True(Percent(match.Groups[1]) >= 85, match.Value);
    }

    [Fact]
    public void The_screening_notebook_bends_the_boundary_where_XOR_needs_it()
    {
        Assert.Contains("XOR: logistic regression right on 2 of 4 points, the 2-4-2 network on 4 of 4", run.OutputOf("02-disease-screening"));
    }

    [Fact]
    public void The_fully_connected_notebook_measures_a_dense_network_and_a_CNN_side_by_side()
    {
        string output = run.OutputOf("03-fully-connected-limits");
        Assert.Matches(@"chosen on validation: dense, \d+ hidden and CNN, \d+ \+ \d+ filters", output);
        foreach (string row in new[] { "parameters", "storage (float32)", "seconds per epoch (measured)", "test sensitivity", "accuracy, lesion moved" })
            Assert.Matches($@"(?m)^{Regex.Escape(row)} +[\d.,]+( MB| %)? +[\d.,]+( MB| %)?$", output);
        Assert.Contains("every dense candidate has more parameters than every CNN", output);
        // Parameter sharing: the CNN finds the lesions that moved to where no training lesion was; the dense network does not.
        var moved = Regex.Match(output, @"sensitivity, lesion moved +(\d+\.\d) % +(\d+\.\d) %");
        Assert.True(moved.Success, "no sensitivity on moved lesions");
        Assert.True(Percent(moved.Groups[2]) >= 80 && Percent(moved.Groups[1]) <= 50, moved.Value);
    }

    [Fact]
    public void The_what_the_cnn_sees_notebook_scores_each_attribution_map_against_the_painted_lesions()
    {
        string output = run.OutputOf("06-what-the-cnn-sees");
        var chance = Regex.Match(output, @"a pixel picked at random +on the lesion +(\d+\.\d) %");
        Assert.True(chance.Success, "no chance baseline");
        foreach (string map in new[] { "Grad-CAM, layer 3 (the last Conv2d)", "Grad-CAM, layer 4 (the ReLU after it)", "saliency", "occlusion" })
        {
            var score = Regex.Match(output, $@"{Regex.Escape(map)} +peak on the lesion +(\d+\.\d) %, median distance \d+\.\d pixels");
            Assert.True(score.Success, $"no score for {map}");
            Assert.True(Percent(score.Groups[1]) > 3 * Percent(chance.Groups[1]), score.Value + "; " + chance.Value);
        }
        Assert.Matches(@"Saliency, lesion class: 8 map\(s\) of 16x16", output);
        Assert.Matches(@"Receptive field of output \[\d, \d\] of layer 5", output);
        Assert.Contains("Convolution explorer", output);
        Assert.Matches(@"false alarms whose Grad-CAM peak lies on the darkest quarter of the patch: \d+ of \d+", output);
    }

    private static double Percent(Group group) => double.Parse(group.Value, CultureInfo.InvariantCulture);
}
