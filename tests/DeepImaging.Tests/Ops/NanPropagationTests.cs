using System.Text.Json;

namespace DeepImaging.Tests.Ops;

/// <summary>
/// A NaN stays visible through activations and pooling, values and gradients, exactly as in PyTorch 1.13
/// (Fixtures/make_nan_fixtures.py wrote the expected values): relu(NaN) is NaN, not 0.
/// </summary>
public class NanPropagationTests
{
    private static readonly Dictionary<string, Func<Tensor, Tensor>> Operations = new()
    {
        ["relu"] = DeepImaging.Functional.Relu,
        ["leaky_relu"] = x => DeepImaging.Functional.LeakyRelu(x, 0.01f),
        ["sigmoid"] = DeepImaging.Functional.Sigmoid,
        ["tanh"] = DeepImaging.Functional.Tanh,
        ["abs"] = x => x.Abs(),
        ["clamp"] = x => x.Clamp(-0.75f, 1f),
        ["softmax"] = x => DeepImaging.Functional.Softmax(x, -1),
        ["log_softmax"] = x => DeepImaging.Functional.LogSoftmax(x, -1),
        ["max_pool2d"] = x => DeepImaging.Functional.MaxPool2d(x, 2),
        ["avg_pool2d"] = x => DeepImaging.Functional.AvgPool2d(x, 2),
    };

    public static TheoryData<string> Cases() => [.. Fixture.Cases("nan.json").Select(c => c.GetProperty("name").GetString()!)];

    private static JsonElement Find(string name) => Fixture.Cases("nan.json").Single(c => c.GetProperty("name").GetString() == name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void NaN_inputs_give_the_values_and_gradients_PyTorch_gives(string name)
    {
        var c = Find(name);
        var x = c.Tensor("input", "input_shape").RequireGrad();

        var y = Operations[name](x);
        y.Sum().Backward();

        Assert.Equal(c.Ints("output_shape"), y.Shape);
        Close.Check(c.Floats("output"), y.ToArray(), 1e-6, $"{name} output");
        Close.Check(c.Floats("grad_input"), x.Grad!.ToArray(), 1e-6, $"{name} gradient");
    }

    [Fact]
    public void Every_case_of_the_fixture_is_checked()
    {
        Assert.Equal(Operations.Keys.Order(), Fixture.Cases("nan.json").Select(c => c.GetProperty("name").GetString()!).Order());
    }

    [Fact]
    public void Relu_of_NaN_is_NaN_not_zero()
    {
        var y = DeepImaging.Functional.Relu(Tensor.From([float.NaN, -2f, 3f]));

        Assert.True(float.IsNaN(y.ToArray()[0]));
        Assert.Equal([0f, 3f], y.ToArray()[1..]);
    }
}
