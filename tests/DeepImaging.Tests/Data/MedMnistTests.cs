using System.IO.Compression;
using System.Text.Json;
using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

/// <summary>MedMNIST .npz files and .npy arrays written by numpy (Fixtures/make_medmnist_fixtures.py), read back exactly.</summary>
public class MedMnistTests
{
    private static string FileOf(string name) => Fixture.PathOf(Path.Combine("medmnist", name));

    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(FileOf("medmnist.json"))).RootElement;

    private static MedMnistSplit Part(MedMnistData data, string split) => split switch
    {
        "train" => data.Train,
        "val" => data.Validation,
        _ => data.Test,
    };

    [Theory]
    [InlineData("pneumonia_like.npz", 1)]
    [InlineData("retina_like.npz", 3)]
    [InlineData("int64_labels.npz", 1)]
    public void Images_become_NCHW_in_0_1_and_labels_class_indices(string file, int channels)
    {
        var data = Datasets.LoadMedMnist(FileOf(file));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), data.Name);
        Assert.Equal(channels, data.Channels);
        Assert.Equal(28, data.ImageSize);
        Assert.False(data.IsMultiLabel);
        foreach (var split in new[] { "train", "val", "test" })
        {
            var part = Part(data, split);
            var images = Expected.GetProperty(file).GetProperty($"{split}_images");
            var labels = Expected.GetProperty(file).GetProperty($"{split}_labels");
            int n = images.Ints("shape")[0];
            Assert.Equal([n, channels, 28, 28], part.Images.Shape);
            Assert.Equal(n, part.Count);
            // numpy's sum of the uint8 pixels, recovered from the 0..1 values.
            Assert.Equal(images.GetProperty("sum").GetInt64(), (long)Math.Round(part.Images.ToArray().Sum(v => (double)v) * 255));
            Assert.True(part.Images.ToArray().All(v => v >= 0 && v <= 1));
            // The first pixels of image 0 in numpy's (H, W[, C]) order: channel ch of pixel p is at [0, ch, p / 28, p % 28].
            var first = images.Ints("first_image_start");
            for (int k = 0; k < first.Length; k++)
            {
                int pixel = k / channels, ch = k % channels;
                Assert.Equal(first[k] / 255f, part.Images[0, ch, pixel / 28, pixel % 28]);
            }
            Assert.Equal([n], part.Labels.Shape);
            Assert.Equal(labels.Floats("values"), part.Labels.ToArray());
        }
    }

    [Fact]
    public void The_class_count_is_the_largest_label_plus_one()
    {
        Assert.Equal(2, Datasets.LoadMedMnist(FileOf("pneumonia_like.npz")).ClassCount);
        // Labels 0, 1, 2 (train), 0 (validation), 0, 1 (test): the file never uses classes 3 and 4.
        Assert.Equal(3, Datasets.LoadMedMnist(FileOf("retina_like.npz")).ClassCount);
        Assert.Equal("retina_like: 3 x 28 x 28 images, 3 classes; train 3, validation 1, test 2", Datasets.LoadMedMnist(FileOf("retina_like.npz")).ToString());
    }

    [Fact]
    public void A_multi_label_file_keeps_one_row_of_labels_per_image()
    {
        var data = Datasets.LoadMedMnist(FileOf("chest_like.npz"));
        Assert.True(data.IsMultiLabel);
        Assert.Equal(14, data.ClassCount);
        Assert.Equal([2, 14], data.Train.Labels.Shape);
        Assert.Equal(Expected.GetProperty("chest_like.npz").GetProperty("train_labels").Floats("values"), data.Train.Labels.ToArray());
    }

    public static TheoryData<string> DtypeNames => [.. Expected.GetProperty("npy_dtypes.npz").EnumerateObject().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(DtypeNames))]
    public void Every_number_type_and_byte_order_numpy_writes_is_read_exactly(string name)
    {
        var expected = Expected.GetProperty("npy_dtypes.npz").GetProperty(name);
        using var zip = ZipFile.OpenRead(FileOf("npy_dtypes.npz"));
        var entry = zip.GetEntry(name + ".npy")!;
        using var stream = entry.Open();
        var array = Npy.Read(stream, name, entry.Length);
        Assert.Equal(expected.GetProperty("dtype").GetString(), array.Descr);
        Assert.Equal(expected.Ints("shape"), array.Shape);
        Assert.Equal(expected.Floats("values"), array.Values);
    }

    [Theory]
    [InlineData("fortran_order.npy", "stored in Fortran (column-major) order; only C order is read")]
    [InlineData("object_pickle.npy", "dtype '|O' holds Python objects (a pickle, which could run code when loaded)")]
    [InlineData("structured.npy", "structured dtype")]
    [InlineData("complex.npy", "dtype '<c8' holds complex numbers")]
    [InlineData("unicode.npy", "dtype '<U2' holds text")]
    [InlineData("truncated.npy", "the header describes 400 bytes of data (shape (100), <i4) but the file holds 390; it is truncated or damaged")]
    [InlineData("trailing_bytes.npy", "the header describes 4 bytes of data (shape (4), |u1) but the file holds 6")]
    [InlineData("bad_magic.npy", "not a .npy file")]
    [InlineData("bad_header.npy", "the .npy header is not valid (unexpected '?'); it reads: {'descr'")]
    public void Arrays_the_reader_cannot_take_are_refused_with_the_reason(string file, string reason)
    {
        using var stream = File.OpenRead(FileOf(file));
        var error = Assert.Throws<InvalidDataException>(() => Npy.Read(stream, file, stream.Length));
        Assert.StartsWith(file + ": ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_truncated_stream_of_unknown_length_is_refused_too()
    {
        // In a zip entry whose length is not trusted, the data simply ends early.
        using var stream = new MemoryStream(File.ReadAllBytes(FileOf("truncated.npy")));
        Assert.Contains("the data ends early", Assert.Throws<InvalidDataException>(() => Npy.Read(stream, "truncated.npy")).Message);
        using var trailing = new MemoryStream(File.ReadAllBytes(FileOf("trailing_bytes.npy")));
        Assert.Contains("there are bytes after the 4 bytes of data", Assert.Throws<InvalidDataException>(() => Npy.Read(trailing, "trailing_bytes.npy")).Message);
    }

    [Theory]
    [InlineData("missing_test.npz", "missing_test.npz: missing test_images, test_labels; a MedMNIST file holds train_images, train_labels, val_images, val_labels, test_images and test_labels (this one holds train_images, train_labels, val_images, val_labels).")]
    [InlineData("label_count_mismatch.npz", "label_count_mismatch.npz: train_labels.npy: shape (1, 1) does not give labels for the 2 images")]
    [InlineData("float_images.npz", "float_images.npz: train_images.npy: images must be uint8 (0..255) as in MedMNIST, but the array's dtype is '<f8'.")]
    [InlineData("volumes_3d.npz", "is a stack of 3-D volumes (N, D, H, W), as in OrganMNIST3D")]
    [InlineData("bad_magic.npy", "bad_magic.npy: not an .npz file")]
    public void Files_that_are_not_MedMNIST_are_refused_with_the_reason(string file, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => Datasets.LoadMedMnist(FileOf(file)));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_missing_file_says_where_MedMNIST_comes_from()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Datasets.LoadMedMnist(FileOf("pneumoniamnist.npz")));
        Assert.Contains("zenodo.org", error.Message);
    }

    [Fact]
    public void A_damaged_array_inside_an_npz_names_the_file_and_the_array()
    {
        using var file = new TempFile("damaged.npz");
        File.Copy(FileOf("pneumonia_like.npz"), file.Path);
        using (var zip = ZipFile.Open(file.Path, ZipArchiveMode.Update))
        {
            zip.GetEntry("val_labels.npy")!.Delete();
            using var stream = zip.CreateEntry("val_labels.npy").Open();
            stream.Write(File.ReadAllBytes(FileOf("object_pickle.npy")));
        }
        var error = Assert.Throws<InvalidDataException>(() => Datasets.LoadMedMnist(file.Path));
        Assert.StartsWith("damaged.npz: val_labels.npy: the array's dtype '|O'", error.Message);
    }
}
