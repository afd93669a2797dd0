using DeepImaging.NN;

namespace DeepImaging.Tests.NN;

public class SequentialFusionTests
{
    [Fact]
    public void A_convolution_and_relu_in_a_sequential_give_exactly_the_values_and_gradients_of_the_two_layers()
    {
        // Sequential runs Conv2d + ReLU as one operation; the layers one by one must give the same bits.
        var model = new Sequential(
            new Conv2d(2, 6, 3, padding: 1, seed: 1), new ReLU(), new MaxPool2d(2),
            new Conv2d(6, 4, 3, seed: 2), new ReLU(),
            new Flatten(), new Linear(4 * 2 * 2, 3, seed: 3));
        var input = Tensor.Randn([5, 2, 8, 8], seed: 4).RequireGrad();
        var labels = Tensor.From([0f, 1f, 2f, 1f, 0f], 5);

        var fused = model.Forward(input);
        Functional.CrossEntropy(fused, labels).Backward();
        var fusedGradients = model.Parameters().Append(input).Select(p => p.Grad!.ToArray()).ToList();
        model.ZeroGrad();
        input.Grad = null;

        var x = input;
        foreach (var layer in model) x = layer.Forward(x);
        Functional.CrossEntropy(x, labels).Backward();
        var layerGradients = model.Parameters().Append(input).Select(p => p.Grad!.ToArray()).ToList();

        Assert.Equal(x.ToArray(), fused.ToArray());
        Assert.Equal(layerGradients.Count, fusedGradients.Count);
        for (int i = 0; i < layerGradients.Count; i++) Assert.Equal(layerGradients[i], fusedGradients[i]);
        Assert.Contains(fusedGradients[0], v => v != 0); // the first convolution's weights did get a gradient
    }

    [Fact]
    public void An_error_in_a_fused_convolution_names_the_convolution_layer()
    {
        var model = new Sequential(new Linear(4, 4, seed: 1), new Conv2d(3, 2, 3, seed: 2), new ReLU());
        var error = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Randn([1, 4], seed: 3)));
        Assert.Contains("layer 1 (Conv2d)", error.Message);
    }
}
