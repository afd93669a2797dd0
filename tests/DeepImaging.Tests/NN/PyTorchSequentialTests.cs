using DeepImaging.NN;

namespace DeepImaging.Tests.NN;

/// <summary>A small CNN loaded from a PyTorch state_dict gives PyTorch's output, loss and gradients (Fixtures/make_nn_fixtures.py).</summary>
public class PyTorchSequentialTests
{
    [Fact]
    public void Small_cnn_with_PyTorch_weights_matches_PyTorch_forward_and_backward()
    {
        var c = Fixture.Cases("nn_sequential.json").Single();
        var model = new Sequential(new Conv2d(2, 3, 3, padding: 1), new ReLU(), new MaxPool2d(2), new Flatten(),
            new Linear(12, 4), new Tanh(), new Linear(4, 3));
        var parameters = c.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal(parameters.Select(p => p.GetProperty("name").GetString()), model.NamedParameters().Select(p => p.Name));
        model.LoadStateDict(parameters.ToDictionary(p => p.GetProperty("name").GetString()!, p => p.Tensor("values", "shape")));

        var input = c.Tensor("input", "input_shape").RequireGrad();
        var output = model.Forward(input);
        Assert.Equal(c.Ints("output_shape"), output.Shape);
        Close.Check(c.Floats("output"), output.ToArray(), 1e-5, "output");

        var loss = new CrossEntropyLoss().Forward(output, Tensor.From(c.Floats("target")));
        Close.Check([c.GetProperty("loss").GetSingle()], [loss.Item()], 1e-5, "loss");
        loss.Backward();
        Close.Check(c.Floats("grad_input"), input.Grad!.ToArray(), 1e-5, "grad_input");
        var grads = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!.ToArray());
        foreach (var g in c.GetProperty("grads").EnumerateArray())
            Close.Check(g.Floats("values"), grads[g.GetProperty("name").GetString()!], 1e-5, $"grad of {g.GetProperty("name").GetString()}");
    }
}
