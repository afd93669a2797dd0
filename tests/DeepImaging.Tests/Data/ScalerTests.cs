using DeepImaging.Data;

namespace DeepImaging.Tests.Data;

public class ScalerTests
{
    private static readonly Tensor Train = Tensor.From(new float[,] { { 1, 10, 7 }, { 3, 20, 7 }, { 5, 40, 7 } });

    [Fact]
    public void MinMaxScaler_maps_each_training_column_onto_0_to_1()
    {
        var scaler = new MinMaxScaler();
        var scaled = scaler.FitTransform(Train);
        // Column 1: (x - 10) / 30; the constant column 2 becomes 0 instead of 0/0.
        Close.Check([0, 0, 0, 0.5f, 1 / 3f, 0, 1, 1, 0], scaled.ToArray(), 1e-6);
        Assert.Equal([1f, 10, 7], scaler.Offset!);
        Assert.Equal([4f, 30, 1], scaler.Scale!);
    }

    [Fact]
    public void Test_data_is_scaled_with_the_training_statistics_so_it_can_leave_0_to_1()
    {
        var scaler = new MinMaxScaler();
        scaler.Fit(Train);
        var test = Tensor.From(new float[,] { { 7, 0, 8 } });
        Close.Check([1.5f, -1 / 3f, 1], scaler.Transform(test).ToArray(), 1e-6);
    }

    [Fact]
    public void StandardScaler_gives_mean_0_and_population_std_1()
    {
        var scaler = new StandardScaler();
        var scaled = scaler.FitTransform(Train);
        // Column 0: mean 3, std sqrt(8/3) = 1.6329932; column 1: mean 70/3 and its population std, worked out below.
        double s0 = Math.Sqrt(8.0 / 3);
        double m1 = 70.0 / 3, s1 = Math.Sqrt(((10 - m1) * (10 - m1) + (20 - m1) * (20 - m1) + (40 - m1) * (40 - m1)) / 3);
        Close.Check([(float)(-2 / s0), (float)((10 - m1) / s1), 0, 0, (float)((20 - m1) / s1), 0, (float)(2 / s0), (float)((40 - m1) / s1), 0],
            scaled.ToArray(), 1e-6);
        Close.Check([3f, (float)m1, 7], scaler.Offset!, 1e-6);
        Close.Check([(float)s0, (float)s1, 1], scaler.Scale!, 1e-6);
    }

    [Fact]
    public void InverseTransform_undoes_Transform()
    {
        var x = Tensor.Randn([20, 4], 3) * 5 + 2;
        foreach (Scaler scaler in new Scaler[] { new MinMaxScaler(), new StandardScaler() })
            Close.Check(x.ToArray(), scaler.InverseTransform(scaler.FitTransform(x)).ToArray(), 1e-5);
    }

    [Fact]
    public void Scaled_breast_cancer_columns_span_exactly_0_to_1()
    {
        var features = Datasets.LoadBreastCancer(Repository.PathOf("datasets", "breast_cancer.csv")).Features;
        var scaled = new MinMaxScaler().FitTransform(features);
        Close.Check(Enumerable.Repeat(0f, 30).ToArray(), scaled.Min(0).ToArray(), 1e-6);
        Close.Check(Enumerable.Repeat(1f, 30).ToArray(), scaled.Max(0).ToArray(), 1e-6);
    }

    [Fact]
    public void Using_a_scaler_wrongly_is_explained()
    {
        Assert.Contains("call Fit", Assert.Throws<InvalidOperationException>(() => new StandardScaler().Transform(Train)).Message);
        var scaler = new MinMaxScaler();
        scaler.Fit(Train);
        Assert.Contains("has 2 columns but the scaler was fitted on 3", Assert.Throws<ArgumentException>(() => scaler.Transform(Tensor.Zeros(4, 2))).Message);
        Assert.Contains("expected a 2-D tensor", Assert.Throws<ArgumentException>(() => scaler.Fit(Tensor.Zeros(5))).Message);
        Assert.Contains("has no rows", Assert.Throws<ArgumentException>(() => scaler.Fit(Tensor.Zeros(0, 3))).Message);
        var withNaN = Tensor.From([1f, float.NaN, 3, 4], 2, 2);
        Assert.Contains("row 0, column 1 is NaN", Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(withNaN)).Message);
    }
}
