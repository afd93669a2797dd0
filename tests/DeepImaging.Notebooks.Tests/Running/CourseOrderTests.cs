namespace DeepImaging.Notebooks.Tests.Running;

public class CourseOrderTests
{
    [Fact]
    public void A_section_comes_before_its_subsections_and_numbers_compare_as_numbers()
    {
        string[] names = ["10-extra", "04-2-padding", "04-convolution", "assignments/01-a", "02-b", "04-10-late", "04-1-sharing", "01-a"];
        Assert.Equal(
            ["01-a", "02-b", "04-convolution", "04-1-sharing", "04-2-padding", "04-10-late", "10-extra", "assignments/01-a"],
            names.Order(CourseOrder.Instance));
    }
}
