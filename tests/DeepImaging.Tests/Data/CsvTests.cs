using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

public class CsvTests
{
    [Fact]
    public void Load_reads_names_and_a_rows_by_columns_tensor()
    {
        using var file = TempFile.WithText("t.csv", "a,b,c\n1,2,3\n-4.5, 5e1 ,6\n\n");
        var table = Csv.Load(file.Path);
        Assert.Equal(["a", "b", "c"], table.ColumnNames);
        Assert.Equal([2, 3], table.Values.Shape);
        Assert.Equal([1f, 2, 3, -4.5f, 50, 6], table.Values.ToArray());
        Assert.Equal([2f, 50], table.Column("b").ToArray());
        Assert.Equal([3f, 1, 6, -4.5f], table.Columns("c", "a").ToArray());
    }

    [Fact]
    public void Load_without_header_names_columns_by_position_and_honours_the_separator()
    {
        using var file = TempFile.WithText("t.tsv", "1;2\n3;4\n");
        var table = Csv.Load(file.Path, hasHeader: false, separator: ';');
        Assert.Equal(["0", "1"], table.ColumnNames);
        Assert.Equal([1f, 2, 3, 4], table.Values.ToArray());
    }

    [Fact]
    public void A_non_numeric_cell_is_reported_with_file_line_and_column()
    {
        using var file = TempFile.WithText("bad.csv", "a,b\n1,2\n3,x7\n");
        var e = Assert.Throws<InvalidDataException>(() => Csv.Load(file.Path));
        Assert.Contains("bad.csv, line 3, column 2 ('b')", e.Message);
        Assert.Contains("'x7'", e.Message);
    }

    [Fact]
    public void An_empty_cell_and_NaN_are_rejected()
    {
        using var empty = TempFile.WithText("e.csv", "1,,3\n");
        Assert.Contains("line 1, column 2: is empty", Assert.Throws<InvalidDataException>(() => Csv.Load(empty.Path, hasHeader: false)).Message);
        using var nan = TempFile.WithText("n.csv", "1,NaN\n");
        Assert.Contains("'NaN' is not a finite number", Assert.Throws<InvalidDataException>(() => Csv.Load(nan.Path, hasHeader: false)).Message);
    }

    [Fact]
    public void A_ragged_row_is_reported_with_its_line()
    {
        using var file = TempFile.WithText("ragged.csv", "1,2,3\n4,5,6\n7,8\n");
        var e = Assert.Throws<InvalidDataException>(() => Csv.Load(file.Path, hasHeader: false));
        Assert.Contains("ragged.csv, line 3: 2 cells but line 1 has 3", e.Message);
    }

    [Fact]
    public void A_header_of_the_wrong_width_an_empty_file_and_a_missing_file_are_rejected()
    {
        using var wide = TempFile.WithText("w.csv", "a,b,c\n1,2\n");
        Assert.Contains("header names 3 columns", Assert.Throws<InvalidDataException>(() => Csv.Load(wide.Path)).Message);
        using var empty = TempFile.WithText("empty.csv", "");
        Assert.Contains("empty.csv", Assert.Throws<InvalidDataException>(() => Csv.Load(empty.Path)).Message);
        using var headerOnly = TempFile.WithText("h.csv", "a,b\n");
        Assert.Contains("no data rows", Assert.Throws<InvalidDataException>(() => Csv.Load(headerOnly.Path)).Message);
        Assert.Throws<FileNotFoundException>(() => Csv.Load(Repository.PathOf("datasets", "no-such.csv")));
    }

    [Fact]
    public void Asking_for_an_unknown_column_lists_the_real_ones()
    {
        using var file = TempFile.WithText("t.csv", "height,weight\n1,2\n");
        var e = Assert.Throws<ArgumentException>(() => Csv.Load(file.Path).Column("age"));
        Assert.Contains("no column 'age'; the columns are height, weight", e.Message);
    }
}
