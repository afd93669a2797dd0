using System.Text.Json;
using DeepImaging.NN;

namespace DeepImaging.Tests.NN;

/// <summary>The three losses against PyTorch 1.13 (Fixtures/make_nn_fixtures.py) and their bad-input errors.</summary>
public class LossTests
{
    public static TheoryData<string> LossCases() => [.. Fixture.Cases("nn_losses.json").Select(c => c.GetProperty("name").GetString()!)];

    private static Loss LossFor(string kind) => kind switch
    {
        "mse" => new MseLoss(),
        "bce_with_logits" => new BceWithLogitsLoss(),
        _ => new CrossEntropyLoss(),
    };

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Loss_value_and_gradients_match_PyTorch(string name)
    {
        var c = Fixture.Cases("nn_losses.json").Single(e => e.GetProperty("name").GetString() == name);
        string kind = c.GetProperty("loss_kind").GetString()!;
        var input = c.Tensor("input", "input_shape").RequireGrad();
        var target = c.Tensor("target", "target_shape");
        if (c.TryGetProperty("grad_target", out _)) target.RequireGrad();

        var loss = LossFor(kind).Forward(input, target);
        Assert.Equal(0, loss.Rank);
        Close.Check([c.GetProperty("loss").GetSingle()], [loss.Item()], 1e-5, $"{name} loss");
        loss.Backward();
        Close.Check(c.Floats("grad_input"), input.Grad!.ToArray(), 1e-5, $"{name} grad_input");
        if (c.TryGetProperty("grad_target", out _))
            Close.Check(c.Floats("grad_target"), target.Grad!.ToArray(), 1e-5, $"{name} grad_target");
    }

    [Fact]
    public void Fixtures_include_huge_logits_for_both_cross_entropies()
    {
        var names = Fixture.Cases("nn_losses.json").Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("bce_huge_logits", names);
        Assert.Contains("cross_entropy_huge_logits", names);
    }

    [Fact]
    public void Mse_of_a_hand_worked_example_is_the_mean_of_squared_differences()
    {
        // ((1-0)² + (2-4)² + (3-3)²) / 3 = 5/3; gradient 2(x - y)/3 = [2/3, -4/3, 0].
        var x = Tensor.From([1f, 2f, 3f]).RequireGrad();
        var loss = DeepImaging.Functional.MseLoss(x, Tensor.From([0f, 4f, 3f]));
        Assert.Equal(5f / 3f, loss.Item(), 6);
        loss.Backward();
        Assert.Equal([2f / 3f, -4f / 3f, 0f], x.Grad!.ToArray());
    }

    [Fact]
    public void Cross_entropy_names_the_row_of_an_out_of_range_label()
    {
        var logits = Tensor.Zeros(8, 3);
        var target = Tensor.Zeros(8);
        target[7] = 3;
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(logits, target));
        Assert.StartsWith("CrossEntropyLoss: label 3 at row 7 is out of range for 3 classes (0..2)", e.Message);
    }

    [Fact]
    public void Cross_entropy_rejects_negative_and_fractional_labels_and_wrong_shapes()
    {
        Assert.Contains("label -1 at row 0 is out of range", Assert.Throws<ArgumentException>(() => DeepImaging.Functional.CrossEntropy(Tensor.Zeros(2, 3), Tensor.From([-1f, 0f]))).Message);
        Assert.Contains("label 1.5 at row 1 is not a whole number", Assert.Throws<ArgumentException>(() => DeepImaging.Functional.CrossEntropy(Tensor.Zeros(2, 3), Tensor.From([0f, 1.5f]))).Message);
        Assert.Contains("target must be [N] = [2]", Assert.Throws<ArgumentException>(() => DeepImaging.Functional.CrossEntropy(Tensor.Zeros(2, 3), Tensor.Zeros(2, 3))).Message);
        Assert.Contains("logits must be [N, C]", Assert.Throws<ArgumentException>(() => DeepImaging.Functional.CrossEntropy(Tensor.Zeros(3), Tensor.Zeros(3))).Message);
    }

    [Fact]
    public void Mse_and_bce_need_input_and_target_of_the_same_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => new MseLoss().Forward(Tensor.Zeros(4, 1), Tensor.Zeros(4)));
        Assert.Contains("MseLoss: input [4, 1] and target [4] must have the same shape", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BceWithLogitsLoss().Forward(Tensor.Zeros(4), Tensor.Zeros(5)));
        Assert.Contains("BceWithLogitsLoss: input [4] and target [5]", e.Message);
        Assert.Throws<ArgumentException>(() => new MseLoss().Forward(Tensor.Zeros(0), Tensor.Zeros(0)));
    }

    [Fact]
    public void A_NaN_loss_throws_and_points_at_the_NaN_input_and_the_learning_rate()
    {
        var output = Tensor.From([0.5f, float.NaN, 1f]);
        var e = Assert.Throws<InvalidOperationException>(() => new BceWithLogitsLoss().Forward(output, Tensor.From([0f, 1f, 1f])));
        Assert.Contains("BceWithLogitsLoss: the loss became NaN", e.Message);
        Assert.Contains("has 1 NaN or infinite value(s), the first at flat index 1", e.Message);
        Assert.Contains("lower the learning rate", e.Message);

        e = Assert.Throws<InvalidOperationException>(() => new CrossEntropyLoss().Forward(Tensor.From([0f, float.NaN], 1, 2), Tensor.From([0f])));
        Assert.Contains("CrossEntropyLoss: the loss became NaN", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => new MseLoss().Forward(Tensor.From([1f]), Tensor.From([float.NaN])));
        Assert.Contains("the target has 1 NaN", e.Message);
    }

    [Fact]
    public void A_diverged_model_with_huge_outputs_gets_an_infinite_loss_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new MseLoss().Forward(Tensor.From([3e38f, -3e38f]), Tensor.Zeros(2)));
        Assert.Contains("the loss became infinite", e.Message);
        Assert.Contains("has no NaN or infinite values", e.Message);
    }

    [Fact]
    public void Cross_entropy_judges_the_class_with_the_highest_score_once_per_sample()
    {
        var loss = new CrossEntropyLoss();
        var scores = Tensor.From([2f, 1, 0, 0, 3, 1, 1, 0, 5], 3, 3); // predicted classes 0, 1, 2
        var labels = Tensor.From([0f, 2, 2], 3);
        Assert.Equal((2, 3), loss.Judge(scores, labels));
        Assert.Same(labels, loss.ShapeTargets(labels, scores));
        Assert.Null(loss.TargetProblem(labels, scores));
        Assert.Equal("target 3 at row 1 is not a class index for the model's 3 outputs; CrossEntropyLoss needs whole numbers 0..2.",
            loss.TargetProblem(Tensor.From([0f, 3, 1], 3), scores));
        Assert.StartsWith("target 0.5 at row 0", loss.TargetProblem(Tensor.From([0.5f, 1, 1], 3), scores));
    }

    [Fact]
    public void Binary_cross_entropy_judges_every_output_by_the_sign_of_its_logit()
    {
        var loss = new BceWithLogitsLoss();
        var logits = Tensor.From([0.5f, -2, 0, 3], 4, 1);
        var labels = Tensor.From([1f, 0, 1, 0], 4);
        var shaped = loss.ShapeTargets(labels, logits);
        Assert.Equal([4, 1], shaped.Shape); // labels [N] for an output [N, 1] are reshaped, not broadcast to [N, N]
        Assert.Equal((2, 4), loss.Judge(logits, shaped)); // logit 0 predicts no, logit 3 predicts yes: both wrong
        Assert.Null(loss.TargetProblem(labels, logits));
        Assert.Equal("target 1.5 at row 2 is outside [0, 1]; BceWithLogitsLoss needs probabilities, usually the labels 0 and 1.",
            loss.TargetProblem(Tensor.From([0f, 1, 1.5f, 0], 4), logits));
    }

    [Fact]
    public void A_regression_loss_judges_nothing_and_accepts_any_target()
    {
        var loss = new MseLoss();
        var output = Tensor.From([1f, 2], 2, 1);
        Assert.Equal((0, 0), loss.Judge(output, Tensor.From([1f, 2], 2, 1)));
        Assert.Null(loss.TargetProblem(Tensor.From([-7f, 1e6f], 2), output));
        Assert.Equal([2, 1], loss.ShapeTargets(Tensor.From([1f, 2], 2), output).Shape);
        Assert.Equal([3], loss.ShapeTargets(Tensor.From([1f, 2, 3], 3), output).Shape); // another count: left for Forward to refuse
    }
}
