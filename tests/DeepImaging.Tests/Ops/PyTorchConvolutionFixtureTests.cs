using System.Text.Json;

namespace DeepImaging.Tests.Ops;

/// <summary>Conv2d and pooling against PyTorch 1.13 (Fixtures/make_fixtures.py wrote the expected values).</summary>
public class PyTorchConvolutionFixtureTests
{
    public static TheoryData<string> ConvCases() => [.. Fixture.Cases("conv2d.json").Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> PoolCases() => [.. Fixture.Cases("pool2d.json").Select(c => c.GetProperty("name").GetString()!)];

    private static JsonElement Find(string file, string name) => Fixture.Cases(file).Single(c => c.GetProperty("name").GetString() == name);

    private static Padding PaddingOf(JsonElement c)
    {
        var p = c.GetProperty("padding");
        return p.ValueKind == JsonValueKind.String ? Padding.Parse(p.GetString()!) : (p[0].GetInt32(), p[1].GetInt32());
    }

    private static (Tensor Output, Tensor Input, Tensor Weight, Tensor? Bias) RunConv(JsonElement c)
    {
        var input = c.Tensor("input", "input_shape").RequireGrad();
        var weight = c.Tensor("weight", "weight_shape").RequireGrad();
        var bias = c.IsNull("bias") ? null : DeepImaging.Tensor.From(c.Floats("bias")).RequireGrad();
        var s = c.Ints("stride");
        var d = c.Ints("dilation");
        var output = DeepImaging.Functional.Conv2d(input, weight, bias, (s[0], s[1]), PaddingOf(c), (d[0], d[1]), c.GetProperty("groups").GetInt32());
        return (output, input, weight, bias);
    }

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2d_matches_PyTorch_forward(string name)
    {
        var c = Find("conv2d.json", name);
        var (output, _, _, _) = RunConv(c);
        Assert.Equal(c.Ints("output_shape"), output.Shape);
        Close.Check(c.Floats("output"), output.ToArray(), 1e-4, $"{name} output");
    }

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2d_gradients_match_PyTorch(string name)
    {
        var c = Find("conv2d.json", name);
        var (output, input, weight, bias) = RunConv(c);
        output.Backward(c.Tensor("grad_output", "output_shape"));
        Close.Check(c.Floats("grad_input"), input.Grad!.ToArray(), 1e-4, $"{name} grad_input");
        Close.Check(c.Floats("grad_weight"), weight.Grad!.ToArray(), 1e-4, $"{name} grad_weight");
        if (bias is not null) Close.Check(c.Floats("grad_bias"), bias.Grad!.ToArray(), 1e-4, $"{name} grad_bias");
    }

    [Fact]
    public void Fixtures_cover_what_the_issue_asks_for()
    {
        var conv = Fixture.Cases("conv2d.json");
        Assert.True(conv.Length >= 50);
        var modes = conv.Select(c => c.GetProperty("padding")).Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "valid", "same", "full" }, modes);
        Assert.Contains(conv, c => c.GetProperty("groups").GetInt32() > 1);
        Assert.Contains(conv, c => c.IsNull("bias"));
        Assert.Contains(conv, c => c.Ints("dilation").Contains(2));
        Assert.Contains(conv, c => c.Ints("stride").Contains(3));
        Assert.True(Fixture.Cases("pool2d.json").Length >= 20);
    }

    [Theory]
    [MemberData(nameof(PoolCases))]
    public void Pooling_matches_PyTorch_forward_and_backward(string name)
    {
        var c = Find("pool2d.json", name);
        var input = c.Tensor("input", "input_shape").RequireGrad();
        var k = c.Ints("kernel");
        var s = c.Ints("stride");
        var p = c.Ints("padding");
        var output = c.GetProperty("op").GetString() == "max"
            ? DeepImaging.Functional.MaxPool2d(input, (k[0], k[1]), (s[0], s[1]), (p[0], p[1]))
            : DeepImaging.Functional.AvgPool2d(input, (k[0], k[1]), (s[0], s[1]), (p[0], p[1]));
        Assert.Equal(c.Ints("output_shape"), output.Shape);
        Close.Check(c.Floats("output"), output.ToArray(), 1e-4, $"{name} output");
        output.Backward(c.Tensor("grad_output", "output_shape"));
        Close.Check(c.Floats("grad_input"), input.Grad!.ToArray(), 1e-4, $"{name} grad_input");
    }
}
