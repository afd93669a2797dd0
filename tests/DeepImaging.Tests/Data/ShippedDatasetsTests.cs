using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

/// <summary>The data sets load by name, found beside the library (a build) or at the root of its NuGet package.</summary>
public class ShippedDatasetsTests
{
    private static readonly string[] RepositoryFiles =
        Directory.GetFiles(Repository.PathOf("datasets")).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Every_file_of_the_repository_datasets_folder_is_shipped_byte_for_byte()
    {
        Assert.Equal(RepositoryFiles, Datasets.Names);
        foreach (var name in RepositoryFiles)
            Assert.Equal(File.ReadAllBytes(Repository.PathOf("datasets", name)), File.ReadAllBytes(Datasets.Path(name)));
    }

    [Fact]
    public void Path_is_found_beside_the_library_not_through_the_current_folder()
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetTempPath();
        try
        {
            string path = Datasets.Path("retina.jpg");
            Assert.True(Path.IsPathFullyQualified(path));
            Assert.Equal(Path.Combine(Path.GetDirectoryName(typeof(Datasets).Assembly.Location)!, "datasets", "retina.jpg"), path);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_names_that_exist()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Datasets.Path("retina.png"));
        Assert.Contains("no shipped data set is named 'retina.png'", e.Message);
        Assert.Contains("retina.jpg", e.Message);
        Assert.Contains("CT_small.dcm", e.Message);
    }

    [Theory]
    [InlineData("../datasets/retina.jpg")]
    [InlineData("datasets/retina.jpg")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    [InlineData("")]
    public void A_path_instead_of_a_name_is_refused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Datasets.Path(name));
        Assert.Contains("takes the name of a shipped file", e.Message);
    }

    [Fact]
    public void The_by_name_loaders_read_the_same_data_as_the_file_loaders()
    {
        Assert.Equal([3, 1411, 1411], Datasets.LoadRetina().Shape);
        Assert.Equal(ImageLoader.Load(Repository.PathOf("datasets", "retina.jpg"), greyscale: true).ToArray(),
            Datasets.LoadRetina(greyscale: true).ToArray());
        Assert.Equal(ImageLoader.Load(Repository.PathOf("datasets", "microaneurysms.png"), greyscale: true).ToArray(),
            Datasets.LoadMicroaneurysms().ToArray());
        Assert.Equal([1, 102, 102], Datasets.LoadMicroaneurysms().Shape);
        Assert.Equal([1, 400, 400], Datasets.LoadPhantom().Shape);
        var ct = Datasets.LoadCtSlice();
        Assert.Equal(DicomImage.Load(Repository.PathOf("datasets", "CT_small.dcm")).Pixels.ToArray(), ct.Pixels.ToArray());
        Assert.Equal(569, Datasets.LoadBreastCancer().Labels.Shape[0]);
        Assert.Equal(1797, Datasets.LoadDigits().Labels.Shape[0]);
        Assert.Equal(["P1", "P2", "P3", "P4", "P5"], Datasets.LoadScreeningTable().People);
    }

    [Fact]
    public void In_a_restored_package_the_datasets_are_found_at_its_root_two_levels_above_lib()
    {
        var package = Path.Combine(Path.GetTempPath(), "deepimaging-datasets-" + Guid.NewGuid().ToString("N"));
        var lib = Path.Combine(package, "lib", "net10.0");
        try
        {
            Directory.CreateDirectory(lib);
            Assert.Null(Datasets.FindFolder(lib));
            Directory.CreateDirectory(Path.Combine(package, "datasets"));
            Assert.Equal(Path.Combine(package, "datasets"), Datasets.FindFolder(lib));
            // A build output's own copy, beside the assembly, comes first.
            Directory.CreateDirectory(Path.Combine(lib, "datasets"));
            Assert.Equal(Path.Combine(lib, "datasets"), Datasets.FindFolder(lib));
        }
        finally
        {
            Directory.Delete(package, recursive: true);
        }
    }
}
