using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

public class DatasetsTests
{
    private static string DataFile(string name) => Repository.PathOf("datasets", name);

    [Fact]
    public void Breast_cancer_has_569_cases_30_features_and_the_documented_class_counts()
    {
        var data = Datasets.LoadBreastCancer(DataFile("breast_cancer.csv"));
        Assert.Equal([569, 30], data.Features.Shape);
        Assert.Equal([569], data.Labels.Shape);
        Assert.Equal(["malignant", "benign"], data.ClassNames);
        // breast_cancer.rst: "Class Distribution: 212 - Malignant, 357 - Benign".
        Assert.Equal(212, data.Labels.ToArray().Count(l => l == 0));
        Assert.Equal(357, data.Labels.ToArray().Count(l => l == 1));
        // First line of the file: 17.99, 10.38, ... malignant.
        Assert.Equal(17.99f, data.Features[0, 0]);
        Assert.Equal(0.1189f, data.Features[0, 29]);
        Assert.Equal(0f, data.Labels[0]);
    }

    [Fact]
    public void Breast_cancer_columns_match_the_min_and_max_in_its_documentation()
    {
        var (features, _, names) = Datasets.LoadBreastCancer(DataFile("breast_cancer.csv"));
        Assert.Equal("mean radius", names[0]);
        Assert.Equal("radius error", names[10]);
        Assert.Equal("worst fractal dimension", names[29]);
        // breast_cancer.rst summary table: radius (mean) 6.981..28.11, area (worst) 185.2..4254.0.
        Assert.Equal(6.981f, features.Select(1, 0).Min().Item());
        Assert.Equal(28.11f, features.Select(1, 0).Max().Item());
        Assert.Equal(185.2f, features.Select(1, 23).Min().Item());
        Assert.Equal(4254f, features.Select(1, 23).Max().Item());
    }

    [Fact]
    public void Breast_cancer_with_a_wrong_header_or_label_is_rejected_with_the_line()
    {
        var lines = File.ReadAllLines(DataFile("breast_cancer.csv"));
        using var header = TempFile.WithText("bc.csv", string.Join('\n', ["1,2,3", .. lines[1..]]));
        Assert.Contains("bc.csv, line 1: expected the scikit-learn header", Assert.Throws<InvalidDataException>(() => Datasets.LoadBreastCancer(header.Path)).Message);
        using var count = TempFile.WithText("bc.csv", string.Join('\n', lines[..10]));
        Assert.Contains("announces 569 samples but the file has 9", Assert.Throws<InvalidDataException>(() => Datasets.LoadBreastCancer(count.Path)).Message);
        var badLabel = (string[])lines.Clone();
        badLabel[5] = badLabel[5][..badLabel[5].LastIndexOf(',')] + ",2";
        using var label = TempFile.WithText("bc.csv", string.Join('\n', badLabel));
        Assert.Contains("line 6, column 31 (label): 2 is not a class index 0..1", Assert.Throws<InvalidDataException>(() => Datasets.LoadBreastCancer(label.Path)).Message);
    }

    [Fact]
    public void Digits_are_1797_images_of_8_by_8_scaled_to_0_1()
    {
        var digits = Datasets.LoadDigits(DataFile("digits.csv.gz"));
        Assert.Equal([1797, 1, 8, 8], digits.Images.Shape);
        Assert.Equal([1797], digits.Labels.Shape);
        // First row of the file: 0,0,5,13,9,1,0,0, 0,0,13,15,10,15,5,0, ... label 0; second row's label is 1.
        Assert.Equal([0f, 0, 5 / 16f, 13 / 16f, 9 / 16f, 1 / 16f, 0, 0], digits.Images.Select(0, 0).Select(0, 0).Select(0, 0).ToArray());
        Assert.Equal(13 / 16f, digits.Images[0, 0, 1, 2]);
        Assert.Equal(0f, digits.Labels[0]);
        Assert.Equal(1f, digits.Labels[1]);
        Assert.Equal(0f, digits.Images.Min().Item());
        Assert.Equal(1f, digits.Images.Max().Item());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), digits.Labels.ToArray().Distinct().Order());
    }

    [Fact]
    public void Digits_with_a_pixel_out_of_range_is_rejected()
    {
        using var file = TempFile.WithText("d.csv", string.Join(',', Enumerable.Repeat("0", 63)) + ",17,3\n");
        Assert.Contains("d.csv, line 1, column 64: value 17 is outside 0..16", Assert.Throws<InvalidDataException>(() => Datasets.LoadDigits(file.Path)).Message);
        using var short_ = TempFile.WithText("d.csv", "1,2,3\n");
        Assert.Contains("expected 64 features and a label", Assert.Throws<InvalidDataException>(() => Datasets.LoadDigits(short_.Path)).Message);
    }

    [Fact]
    public void The_screening_table_is_the_notes_P1_to_P5()
    {
        var table = Datasets.LoadScreeningTable(DataFile("height_weight.csv"));
        Assert.Equal(["P1", "P2", "P3", "P4", "P5"], table.People);
        Assert.Equal([0.625f, 0.875f, 0, 0, 0.25f, 0.375f, 1, 1, 0.4583f, 0.6667f], table.Features.ToArray());
        Assert.Equal(new string?[] { "M", "F", "M", "M", null }, table.Genders.AsEnumerable());
        Assert.Equal([0, 1, 2, 3], table.LabelledRows);
        Assert.Equal([4, 2], table.LabelledFeatures.Shape);
        Assert.Equal([1f, 0, 1, 1], table.LabelledTargets.ToArray());
        Assert.Equal([0.4583f, 0.6667f], table.UnlabelledFeatures.ToArray());
        Assert.Equal("M", ScreeningTable.ClassNames[1]);
    }

    [Fact]
    public void A_screening_table_with_an_unknown_gender_or_header_is_rejected()
    {
        using var gender = TempFile.WithText("s.csv", "person,height,weight,gender\nP1,0.5,0.5,X\n");
        Assert.Contains("s.csv, line 2, column 4 ('gender'): 'X' is not M, F or empty", Assert.Throws<InvalidDataException>(() => Datasets.LoadScreeningTable(gender.Path)).Message);
        using var header = TempFile.WithText("s.csv", "name,h,w,g\nP1,0.5,0.5,M\n");
        Assert.Contains("expected the header 'person,height,weight,gender'", Assert.Throws<InvalidDataException>(() => Datasets.LoadScreeningTable(header.Path)).Message);
        using var number = TempFile.WithText("s.csv", "person,height,weight,gender\nP1,tall,0.5,M\n");
        Assert.Contains("line 2, column 2 ('height'): 'tall'", Assert.Throws<InvalidDataException>(() => Datasets.LoadScreeningTable(number.Path)).Message);
    }
}
