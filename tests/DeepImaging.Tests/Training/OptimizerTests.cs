using System.Text.Json;
using DeepImaging.NN;
using DeepImaging.Training;

namespace DeepImaging.Tests.Training;

/// <summary>Sgd and Adam against torch.optim (Fixtures/make_nn_fixtures.py): same start and gradients, same parameters after each of 3 steps.</summary>
public class OptimizerTests
{
    public static TheoryData<string> OptimizerCases() => [.. Fixture.Cases("nn_optimizers.json").Select(c => c.GetProperty("name").GetString()!)];

    private static float[] Floats(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetSingle())];

    private static float Option(JsonElement options, string name, float fallback) =>
        options.TryGetProperty(name, out var v) ? v.GetSingle() : fallback;

    [Theory]
    [MemberData(nameof(OptimizerCases))]
    public void Three_steps_match_PyTorch(string name)
    {
        var c = Fixture.Cases("nn_optimizers.json").Single(e => e.GetProperty("name").GetString() == name);
        var shapes = c.GetProperty("shapes").EnumerateArray().Select(s => s.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        var initial = c.GetProperty("initial").EnumerateArray().ToArray();
        var parameters = shapes.Select((shape, i) => Tensor.From(Floats(initial[i]), shape).RequireGrad()).ToArray();
        var o = c.GetProperty("options");
        Optimizer optimizer = c.GetProperty("optimizer").GetString() == "sgd"
            ? new Sgd(parameters, Option(o, "lr", 0), Option(o, "momentum", 0), Option(o, "weight_decay", 0))
            : new Adam(parameters, Option(o, "lr", 1e-3f),
                o.TryGetProperty("betas", out var b) ? b[0].GetSingle() : 0.9f, o.TryGetProperty("betas", out b) ? b[1].GetSingle() : 0.999f,
                Option(o, "eps", 1e-8f), Option(o, "weight_decay", 0));

        var grads = c.GetProperty("grads").EnumerateArray().ToArray();
        var after = c.GetProperty("after").EnumerateArray().ToArray();
        for (int step = 0; step < 3; step++)
        {
            var stepGrads = grads[step].EnumerateArray().ToArray();
            for (int i = 0; i < parameters.Length; i++) parameters[i].Grad = Tensor.From(Floats(stepGrads[i]), shapes[i]);
            optimizer.Step();
            var expected = after[step].EnumerateArray().ToArray();
            for (int i = 0; i < parameters.Length; i++)
                Close.Check(Floats(expected[i]), parameters[i].ToArray(), 1e-5, $"{name} step {step + 1} parameter {i}");
        }
    }

    [Fact]
    public void Sgd_takes_a_hand_worked_momentum_step()
    {
        // p = 1, grad 2 twice, lr 0.1, momentum 0.5: buf 2 then 0.5·2 + 2 = 3; p = 1 - 0.2 - 0.3 = 0.5.
        var p = Tensor.From([1f]).RequireGrad();
        var sgd = new Sgd([p], lr: 0.1f, momentum: 0.5f);
        for (int i = 0; i < 2; i++)
        {
            p.Grad = Tensor.From([2f]);
            sgd.Step();
        }
        Assert.Equal(0.5f, p.Item(), 6);
    }

    [Fact]
    public void Adam_first_step_moves_each_parameter_by_about_the_learning_rate()
    {
        // With bias correction the first update is lr · g / (|g| + eps) = ±lr whatever the gradient's size.
        var p = Tensor.From([0f, 0f]).RequireGrad();
        var adam = new Adam([p], lr: 0.01f);
        p.Grad = Tensor.From([1000f, -0.001f]);
        adam.Step();
        Assert.Equal(-0.01f, p[0], 6);
        Assert.Equal(0.01f, p[1], 4);
    }

    [Fact]
    public void Parameters_without_a_gradient_are_left_alone_and_ZeroGrad_clears_gradients()
    {
        var a = Tensor.From([1f]).RequireGrad();
        var b = Tensor.From([1f]).RequireGrad();
        var sgd = new Sgd([a, b], lr: 1f);
        a.Grad = Tensor.From([0.25f]);
        sgd.Step();
        Assert.Equal(0.75f, a.Item());
        Assert.Equal(1f, b.Item());
        sgd.ZeroGrad();
        Assert.Null(a.Grad);
    }

    [Fact]
    public void Bad_settings_are_rejected_with_their_names()
    {
        var p = Tensor.From([1f]).RequireGrad();
        Assert.Contains("empty parameter list", Assert.Throws<ArgumentException>(() => new Sgd([], 0.1f)).Message);
        Assert.Contains("learning rate must be a finite number >= 0", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], -1f)).Message);
        Assert.Contains("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], 0.1f, momentum: -0.5f)).Message);
        Assert.Contains("beta1 must be in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], beta1: 1f)).Message);
        Assert.Contains("not a leaf tensor", Assert.Throws<ArgumentException>(() => new Adam([p * 2f])).Message);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => new Adam([p, p])).Message);
        var adam = new Adam([p]);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = float.NaN);
        adam.LearningRate = 0.5f;
        Assert.Equal(0.5f, adam.LearningRate);
    }

    [Fact]
    public void Sgd_lowers_the_loss_of_a_linear_layer()
    {
        var layer = new Linear(3, 1, seed: 1);
        var x = Tensor.Randn([8, 3], seed: 2);
        var y = x.MatMul(Tensor.From([1f, -2f, 0.5f], 3, 1)) + 0.3f;
        var sgd = new Sgd(layer.Parameters(), lr: 0.1f, momentum: 0.9f);
        float first = 0, last = 0;
        for (int i = 0; i < 50; i++)
        {
            sgd.ZeroGrad();
            var loss = new MseLoss().Forward(layer.Forward(x), y);
            loss.Backward();
            sgd.Step();
            if (i == 0) first = loss.Item();
            last = loss.Item();
        }
        Assert.True(last < first / 100, $"loss went from {first} to {last}");
    }
}
