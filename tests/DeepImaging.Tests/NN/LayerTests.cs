using DeepImaging.NN;
using DeepImaging.Training;

namespace DeepImaging.Tests.NN;

public class LayerTests
{
    [Fact]
    public void Linear_counts_in_times_out_plus_out_parameters()
    {
        var layer = new Linear(2, 4);
        Assert.Equal([4, 2], layer.Weight.Shape);
        Assert.Equal([4], layer.Bias!.Shape);
        Assert.Equal(12, layer.ParameterCount);
        Assert.Equal(["weight", "bias"], layer.NamedParameters().Select(p => p.Name));
        Assert.Equal(8, new Linear(2, 4, bias: false).ParameterCount);
        Assert.All(layer.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void Linear_computes_x_times_weight_transposed_plus_bias()
    {
        var layer = new Linear(2, 3);
        layer.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.From(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }),
            ["bias"] = Tensor.From([0.5f, -1f, 0f]),
        });
        // [1, -1] -> [1-2+0.5, 3-4-1, 5-6+0] = [-0.5, -2, -1]; works on [N, in] and on [B, N, in].
        Assert.Equal([-0.5f, -2f, -1f], layer.Forward(Tensor.From([1f, -1f], 1, 2)).ToArray());
        var batched = layer.Forward(Tensor.From([1f, -1f, 0f, 1f], 2, 1, 2));
        Assert.Equal([2, 1, 3], batched.Shape);
        Assert.Equal([-0.5f, -2f, -1f, 2.5f, 3f, 6f], batched.ToArray());
    }

    [Fact]
    public void Linear_default_weights_and_biases_lie_within_one_over_sqrt_fan_in()
    {
        var layer = new Linear(25, 400, seed: 3);
        float bound = 1 / MathF.Sqrt(25);
        foreach (var p in layer.Parameters())
        {
            var values = p.ToArray();
            Assert.All(values, v => Assert.InRange(v, -bound, bound));
            Assert.True(values.Max() > 0.95f * bound && values.Min() < -0.95f * bound, "values should fill the whole range");
        }
    }

    [Fact]
    public void Linear_names_itself_and_the_shapes_when_the_input_does_not_fit()
    {
        var e = Assert.Throws<ArgumentException>(() => new Linear(4, 2).Forward(Tensor.Zeros(5, 3)));
        Assert.Equal("Linear(in_features=4, out_features=2, bias=True): input has 3 features (shape [5, 3]); expected [..., 4].", e.Message);
        Assert.Throws<ArgumentException>(() => new Linear(0, 2));
    }

    [Fact]
    public void Conv2d_has_in_over_groups_times_out_times_kernel_weights_plus_out_biases()
    {
        var conv = new Conv2d(3, 16, 3, padding: 1);
        Assert.Equal([16, 3, 3, 3], conv.Weight.Shape);
        Assert.Equal(448, conv.ParameterCount);
        Assert.Equal([2, 16, 8, 8], conv.Forward(Tensor.Rand([2, 3, 8, 8], seed: 1)).Shape);

        // Input 7 x 5, kernel 3 x 1, stride 2: floor((7 - 3) / 2) + 1 = 3 and floor((5 - 1) / 2) + 1 = 3.
        var grouped = new Conv2d(4, 8, (3, 1), stride: 2, groups: 2, bias: false);
        Assert.Equal([8, 2, 3, 1], grouped.Weight.Shape);
        Assert.Equal(48, grouped.ParameterCount);
        Assert.Equal([8, 3, 3], grouped.Forward(Tensor.Rand([4, 7, 5], seed: 1)).Shape);
        Assert.Equal("Conv2d(4, 8, kernel_size=(3, 1), stride=(2, 2), groups=2, bias=False)", grouped.ToString());
    }

    [Fact]
    public void Conv2d_output_equals_the_functional_convolution_of_its_weights()
    {
        var conv = new Conv2d(2, 3, 3, stride: 2, padding: 1, seed: 5);
        var x = Tensor.Rand([1, 2, 6, 6], seed: 2);
        var expected = DeepImaging.Functional.Conv2d(x, conv.Weight, conv.Bias, 2, 1);
        Assert.Equal(expected.ToArray(), conv.Forward(x).ToArray());
    }

    [Fact]
    public void Conv2d_names_itself_when_channels_or_sizes_do_not_fit()
    {
        var conv = new Conv2d(3, 16, 5);
        var e = Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(2, 1, 28, 28)));
        Assert.Equal("Conv2d(3, 16, kernel_size=(5, 5), stride=(1, 1)): input has 1 channels (shape [2, 1, 28, 28]); expected [N, 3, H, W].", e.Message);
        e = Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(1, 3, 4, 4)));
        Assert.StartsWith("Conv2d(3, 16, kernel_size=(5, 5), stride=(1, 1)): kernel 5", e.Message);
        Assert.Contains("does not fit the padded input 4", e.Message);
        Assert.Contains("divisible by groups", Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, groups: 2)).Message);
        Assert.Contains("'same' needs stride 1", Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, stride: 2, padding: Padding.Same)).Message);
    }

    [Fact]
    public void Pooling_flatten_and_activations_have_the_expected_shapes_and_no_parameters()
    {
        var x = Tensor.Rand([2, 3, 8, 6], seed: 4);
        Assert.Equal([2, 3, 4, 3], new MaxPool2d(2).Forward(x).Shape);
        Assert.Equal([2, 3, 4, 3], new AvgPool2d(3, stride: 2, padding: 1).Forward(x).Shape);
        Assert.Equal([2, 144], new Flatten().Forward(x).Shape);
        Assert.Equal([2, 3, 48], new Flatten(2).Forward(x).Shape);
        Module[] elementwise = [new ReLU(), new LeakyReLU(0.2f), new Sigmoid(), new Tanh(), new Softmax(1), new Dropout(0.3f)];
        foreach (var layer in elementwise)
        {
            Assert.Equal(x.Shape, layer.Forward(x).Shape);
            Assert.Equal(0, layer.ParameterCount);
        }
        Assert.Equal(DeepImaging.Functional.LeakyRelu(x, 0.2f).ToArray(), new LeakyReLU(0.2f).Forward(x).ToArray());
        var softmax = new Softmax(1).Forward(x);
        Assert.Equal(1f, softmax.Sum(1)[0, 2, 5], 5);
        Assert.Contains("padding", Assert.Throws<ArgumentException>(() => new MaxPool2d(2, padding: 2)).Message);
        Assert.Contains("Flatten(start_dim=1, end_dim=-1)", Assert.Throws<ArgumentException>(() => new Flatten().Forward(Tensor.Zeros(5))).Message);
    }

    [Fact]
    public void Sequential_names_parameters_like_a_PyTorch_state_dict()
    {
        var model = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(17, model.ParameterCount);
        Assert.Equal(3, model.Count);
        Assert.IsType<ReLU>(model[1]);
        Assert.Equal(3, model.Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => model[3]);
        var nested = new Sequential(new Sequential(new Linear(2, 2)), new Linear(2, 1));
        Assert.Equal(["0.0.weight", "0.0.bias", "1.weight", "1.bias"], nested.NamedParameters().Select(p => p.Name));
        Assert.Equal("Sequential(\n  (0): Linear(in_features=2, out_features=4, bias=True)\n  (1): ReLU()\n  (2): Linear(in_features=4, out_features=1, bias=True)\n)", model.ToString());
    }

    [Fact]
    public void Sequential_reports_the_index_and_type_of_the_layer_that_fails()
    {
        var model = new Sequential(new Linear(2, 4), new ReLU(), new Linear(3, 1));
        var e = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(5, 2)));
        Assert.StartsWith("Sequential: layer 2 (Linear) cannot take an input of shape [5, 4]: Linear(in_features=3, out_features=1, bias=True): input has 4 features", e.Message);
        Assert.IsType<ArgumentException>(e.InnerException);
    }

    [Fact]
    public void State_dict_round_trip_copies_weights_into_another_model()
    {
        var a = new Sequential(new Conv2d(1, 2, 3, seed: 1), new Flatten(), new Linear(8, 2, seed: 2));
        var b = new Sequential(new Conv2d(1, 2, 3, seed: 7), new Flatten(), new Linear(8, 2, seed: 8));
        var x = Tensor.Rand([3, 1, 4, 4], seed: 3);
        Assert.NotEqual(a.Forward(x).ToArray(), b.Forward(x).ToArray());

        var state = a.StateDict();
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], state.Keys);
        var weightOfB = b.Parameters().First();
        b.LoadStateDict(state);
        Assert.Same(weightOfB, b.Parameters().First()); // copied in place: optimisers keep working
        Assert.Equal(a.Forward(x).ToArray(), b.Forward(x).ToArray());

        // The state dict is a copy: training the model afterwards does not change it.
        float before = state["2.bias"][0];
        ((Linear)a[2]).Bias!.data[0] += 1;
        Assert.Equal(before, state["2.bias"][0]);
    }

    [Fact]
    public void Loading_a_state_dict_checks_names_and_shapes_and_changes_nothing_on_error()
    {
        var model = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1));
        var before = model.Parameters().Select(p => p.ToArray()).ToList();
        var state = new Dictionary<string, Tensor>(model.StateDict());
        state["2.weight"] = Tensor.Zeros(1, 3);
        state.Remove("0.bias");
        state["fc.weight"] = Tensor.Zeros(1);
        var e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));
        Assert.Contains("missing '0.bias'", e.Message);
        Assert.Contains("unexpected 'fc.weight'", e.Message);
        Assert.Contains("'2.weight' has shape [1, 3] in the state dict but [1, 4] in the model", e.Message);
        Assert.Equal(before, model.Parameters().Select(p => p.ToArray()));
    }

    [Fact]
    public void Train_and_eval_reach_every_child_and_dropout_obeys_them()
    {
        var dropout = new Dropout(0.5f, seed: 1);
        var model = new Sequential(new Linear(3, 3), new Sequential(dropout));
        Assert.True(dropout.IsTraining);
        model.Eval();
        Assert.False(dropout.IsTraining);
        var ones = Tensor.Ones(100, 100);
        Assert.Equal(ones.ToArray(), dropout.Forward(ones).ToArray());

        model.Train();
        var x = Tensor.Ones(100, 100).RequireGrad();
        var y = dropout.Forward(x);
        var values = y.ToArray();
        Assert.All(values, v => Assert.True(v == 0f || v == 2f, $"{v} should be dropped (0) or scaled by 1/(1-p) = 2"));
        double dropped = values.Count(v => v == 0) / (double)values.Length;
        Assert.InRange(dropped, 0.47, 0.53); // 10,000 draws: 6 standard deviations either side
        y.Sum().Backward();
        Assert.Equal(values, x.Grad!.ToArray()); // the gradient is the mask

        Assert.Equal(Tensor.Zeros(4).ToArray(), new Dropout(1f).Forward(Tensor.Ones(4)).ToArray());
        Assert.Equal(Tensor.Ones(4).ToArray(), new Dropout(0f).Forward(Tensor.Ones(4)).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.5f));
    }

    [Fact]
    public void Same_seeds_give_bit_identical_weights_and_training()
    {
        static (Sequential Model, float[] Output) TrainOnce(int seed)
        {
            var model = new Sequential(new Conv2d(1, 4, 3, padding: 1, seed: seed), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Dropout(0.25f, seed: seed), new Linear(16, 3, seed: seed + 1));
            var x = Tensor.Rand([6, 1, 4, 4], seed: 9);
            var labels = Tensor.From([0f, 1f, 2f, 0f, 1f, 2f]);
            var sgd = new Sgd(model.Parameters(), lr: 0.1f, momentum: 0.9f);
            for (int step = 0; step < 5; step++)
            {
                sgd.ZeroGrad();
                new CrossEntropyLoss().Forward(model.Forward(x), labels).Backward();
                sgd.Step();
            }
            model.Eval();
            return (model, model.Forward(x).ToArray());
        }

        var first = new Sequential(new Linear(5, 3, seed: 42), new Conv2d(2, 2, 2, seed: 42));
        var second = new Sequential(new Linear(5, 3, seed: 42), new Conv2d(2, 2, 2, seed: 42));
        Assert.Equal(first.Parameters().Select(p => p.ToArray()), second.Parameters().Select(p => p.ToArray()));
        Assert.NotEqual(new Linear(5, 3, seed: 42).Weight.ToArray(), new Linear(5, 3, seed: 43).Weight.ToArray());

        var (a, outA) = TrainOnce(7);
        var (b, outB) = TrainOnce(7);
        Assert.Equal(outA, outB); // exact float equality, not a tolerance
        Assert.Equal(a.Parameters().Select(p => p.ToArray()), b.Parameters().Select(p => p.ToArray()));
        Assert.NotEqual(outA, TrainOnce(8).Output);
    }

    [Fact]
    public void ZeroGrad_clears_every_parameter_gradient()
    {
        var model = new Sequential(new Linear(2, 2), new Linear(2, 1));
        model.Forward(Tensor.Ones(1, 2)).Sum().Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void Two_unseeded_dropout_layers_drop_different_units()
    {
        var x = Tensor.Ones(1, 64);
        var a = new Dropout(0.5f).Forward(x).ToArray();
        var b = new Dropout(0.5f).Forward(x).ToArray();
        Assert.NotEqual(a, b);
    }
}
