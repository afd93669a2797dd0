using static DeepImaging.Functional;

namespace DeepImaging.Tests.Tensors;

/// <summary>
/// Finite-difference check of every differentiable operation: the gradient from Backward must match
/// (f(x + h) - f(x - h)) / 2h for each input element.
///
/// Honest note on precision: tensors are float32, so the forward passes run in float32 (there is no double
/// forward to call). To keep the check meaningful anyway, the scalar objective is a fixed random weighted sum
/// Σ w·f(x) accumulated in double, inputs are small (values about ±1, a few dozen elements), h is 1e-2, and the
/// step actually taken (after rounding x ± h to float32) is used as the denominator. Rounding then contributes
/// about 1e-5 and truncation about h² ≈ 1e-4, far below the tolerance 1e-3 + 1e-2·|gradient|, while a wrong
/// backward formula is off by order 1. Kinks (Abs, Relu, Max, Clamp, max pooling) are avoided by using inputs
/// that are at least 0.05 away from them and from each other.
/// </summary>
public class GradientCheckTests
{
    private const double Step = 1e-2;
    private const double AbsoluteTolerance = 1e-3, RelativeTolerance = 1e-2;

    private sealed record Case(Func<Tensor[], Tensor> F, Tensor[] Inputs);

    /// <summary>Values uniform in [low, high).</summary>
    private static Tensor U(int seed, float low, float high, params int[] shape) => Tensor.Uniform(shape, low, high, new Generator((ulong)seed));

    /// <summary>Distinct values ±0.05, ±0.15, ... in shuffled order: no ties, nothing within 0.05 of 0 or of a grid point.</summary>
    private static Tensor Distinct(int seed, params int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var order = new Generator((ulong)seed).Permutation(n);
        return Tensor.From(order.Select(k => (k - n / 2) * 0.1f + 0.05f).ToArray(), shape);
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["Add with broadcasting [2,1,3] + [4,1]"] = new(x => x[0] + x[1], [U(1, -1, 1, 2, 1, 3), U(2, -1, 1, 4, 1)]),
        ["Add of a row vector [2,3] + [3]"] = new(x => x[0] + x[1], [U(3, -1, 1, 2, 3), U(4, -1, 1, 3)]),
        ["Subtract with broadcasting [2,3,1] - [3,4]"] = new(x => x[0] - x[1], [U(5, -1, 1, 2, 3, 1), U(6, -1, 1, 3, 4)]),
        ["Multiply with broadcasting [3,1] * [1,4]"] = new(x => x[0] * x[1], [U(7, -1, 1, 3, 1), U(8, -1, 1, 1, 4)]),
        ["Divide with broadcasting [2,3] / [3]"] = new(x => x[0] / x[1], [U(9, -1, 1, 2, 3), U(10, 0.5f, 1.5f, 3)]),
        ["Scalar arithmetic 2 - 3x + x/4 and 1/x"] = new(x => 2f - x[0] * 3f + x[0] / 4f + 1f / x[0], [U(11, 0.5f, 1.5f, 2, 3)]),
        ["Negate"] = new(x => -x[0], [U(12, -1, 1, 5)]),
        ["Exp"] = new(x => x[0].Exp(), [U(13, -1, 1, 2, 3)]),
        ["Log"] = new(x => x[0].Log(), [U(14, 0.5f, 2, 2, 3)]),
        ["Sqrt"] = new(x => x[0].Sqrt(), [U(15, 0.5f, 2, 2, 3)]),
        ["Abs"] = new(x => x[0].Abs(), [Distinct(16, 2, 4)]),
        ["Pow 3"] = new(x => x[0].Pow(3), [U(17, -1, 1, 2, 3)]),
        ["Pow 2.5"] = new(x => x[0].Pow(2.5f), [U(18, 0.5f, 1.5f, 2, 3)]),
        ["Clamp"] = new(x => x[0].Clamp(-0.3f, 0.4f), [Distinct(19, 3, 4)]),
        ["Sum of all"] = new(x => x[0].Sum(), [U(20, -1, 1, 2, 3)]),
        ["Sum by dim"] = new(x => x[0].Sum(1), [U(21, -1, 1, 2, 3, 2)]),
        ["Sum by dim keeping it"] = new(x => x[0].Sum(0, keepDim: true), [U(22, -1, 1, 2, 3)]),
        ["Mean of all"] = new(x => x[0].Mean(), [U(23, -1, 1, 2, 3)]),
        ["Mean by dim"] = new(x => x[0].Mean(-1, keepDim: true), [U(24, -1, 1, 2, 3, 2)]),
        ["Max of all"] = new(x => x[0].Max(), [Distinct(25, 3, 4)]),
        ["Min of all"] = new(x => x[0].Min(), [Distinct(26, 3, 4)]),
        ["Max by dim"] = new(x => x[0].Max(1), [Distinct(27, 2, 3, 4)]),
        ["Min by dim keeping it"] = new(x => x[0].Min(0, keepDim: true), [Distinct(28, 3, 4)]),
        ["MatMul 2-D"] = new(x => x[0].MatMul(x[1]), [U(29, -1, 1, 3, 4), U(30, -1, 1, 4, 2)]),
        ["MatMul batched"] = new(x => x[0].MatMul(x[1]), [U(31, -1, 1, 2, 3, 4), U(32, -1, 1, 2, 4, 5)]),
        ["MatMul batch times matrix"] = new(x => x[0].MatMul(x[1]), [U(33, -1, 1, 2, 3, 4), U(34, -1, 1, 4, 2)]),
        ["MatMul vector times matrix"] = new(x => x[0].MatMul(x[1]), [U(35, -1, 1, 4), U(36, -1, 1, 4, 3)]),
        ["Reshape"] = new(x => x[0].Reshape(3, -1) * Tensor.Arange(4), [U(37, -1, 1, 2, 6)]),
        ["Flatten, Unsqueeze, Squeeze"] = new(x => x[0].Flatten().Unsqueeze(0).Squeeze(0) * Tensor.Arange(6), [U(38, -1, 1, 2, 3)]),
        ["Permute"] = new(x => x[0].Permute(2, 0, 1), [U(39, -1, 1, 2, 3, 4)]),
        ["Transpose"] = new(x => x[0].Transpose(0, 2), [U(40, -1, 1, 2, 3, 4)]),
        ["T of a matrix"] = new(x => x[0].T, [U(41, -1, 1, 2, 3)]),
        ["Slice with step"] = new(x => x[0].Slice(1, 1, 5, step: 2), [U(42, -1, 1, 2, 6)]),
        ["Slice from the end"] = new(x => x[0].Slice(0, -2, 3), [U(43, -1, 1, 3, 2)]),
        ["Select"] = new(x => x[0].Select(1, -1), [U(44, -1, 1, 2, 3, 2)]),
        ["Flip"] = new(x => x[0].Flip(0, 2), [U(45, -1, 1, 2, 3, 4)]),
        ["Cat"] = new(x => Tensor.Cat([x[0], x[1]], dim: 1), [U(46, -1, 1, 2, 2), U(47, -1, 1, 2, 3)]),
        ["Stack"] = new(x => Tensor.Stack([x[0], x[1], x[0]], dim: 1), [U(48, -1, 1, 2, 3), U(49, -1, 1, 2, 3)]),
        ["Conv2d with bias"] = new(x => Conv2d(x[0], x[1], x[2]), [U(50, -1, 1, 2, 2, 5, 5), U(51, -1, 1, 3, 2, 3, 3), U(52, -1, 1, 3)]),
        ["Conv2d stride 2 padding (1, 0)"] = new(x => Conv2d(x[0], x[1], stride: 2, padding: (1, 0)), [U(53, -1, 1, 1, 2, 5, 6), U(54, -1, 1, 2, 2, 3, 2)]),
        ["Conv2d dilation 2 padding same"] = new(x => Conv2d(x[0], x[1], padding: Padding.Same, dilation: 2), [U(55, -1, 1, 1, 1, 6, 6), U(56, -1, 1, 2, 1, 2, 3)]),
        ["Conv2d groups 2 padding full"] = new(x => Conv2d(x[0], x[1], x[2], padding: Padding.Full, groups: 2), [U(57, -1, 1, 2, 4, 3, 3), U(58, -1, 1, 4, 2, 2, 2), U(59, -1, 1, 4)]),
        ["Convolve2d of 2-D images"] = new(x => Convolve2d(x[0], x[1]), [U(60, -1, 1, 4, 5), U(61, -1, 1, 2, 2)]),
        ["MaxPool2d"] = new(x => MaxPool2d(x[0], 2), [Distinct(62, 1, 2, 4, 4)]),
        ["MaxPool2d overlapping with padding"] = new(x => MaxPool2d(x[0], 3, stride: 1, padding: 1), [Distinct(63, 1, 1, 4, 5)]),
        ["AvgPool2d"] = new(x => AvgPool2d(x[0], 2), [U(64, -1, 1, 2, 1, 4, 4)]),
        ["AvgPool2d stride 2 padding 1"] = new(x => AvgPool2d(x[0], 3, stride: 2, padding: 1), [U(65, -1, 1, 1, 2, 5, 5)]),
        ["Pad with zeros"] = new(x => Pad(x[0], 1, 2, 0, 1), [U(66, -1, 1, 2, 3, 3)]),
        ["Pad reflect"] = new(x => Pad(x[0], 2, 1, 1, 2, PaddingFill.Reflect), [U(67, -1, 1, 1, 3, 4)]),
        ["Pad replicate"] = new(x => Pad(x[0], 2, 0, 3, 1, PaddingFill.Replicate), [U(68, -1, 1, 2, 3)]),
        ["Relu"] = new(x => Relu(x[0]), [Distinct(69, 2, 5)]),
        ["LeakyRelu"] = new(x => LeakyRelu(x[0], 0.1f), [Distinct(70, 2, 5)]),
        ["Sigmoid"] = new(x => Sigmoid(x[0]), [U(71, -3, 3, 2, 4)]),
        ["Tanh"] = new(x => Tanh(x[0]), [U(72, -2, 2, 2, 4)]),
        ["Softmax on the last dim"] = new(x => Softmax(x[0]), [U(73, -2, 2, 3, 4)]),
        ["Softmax on dim 0"] = new(x => Softmax(x[0], dim: 0), [U(74, -2, 2, 3, 2, 2)]),
        ["LogSoftmax"] = new(x => LogSoftmax(x[0], dim: 1), [U(75, -2, 2, 2, 3, 2)]),
        ["MseLoss, input and target"] = new(x => MseLoss(x[0], x[1]), [U(76, -1, 1, 3, 2), U(77, -1, 1, 3, 2)]),
        ["BinaryCrossEntropyWithLogits, logits and target"] = new(x => BinaryCrossEntropyWithLogits(x[0], x[1]), [U(78, -3, 3, 2, 3), U(79, 0, 1, 2, 3)]),
        ["CrossEntropy"] = new(x => CrossEntropy(x[0], Tensor.From([2f, 0f, 1f, 2f])), [U(80, -2, 2, 4, 3)]),
    };

    public static TheoryData<string> Operations() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Operations))]
    public void Gradient_matches_central_finite_differences(string operation)
    {
        var mismatches = Mismatches(Cases[operation]);
        Assert.True(mismatches.Count == 0, $"{operation}: {string.Join("; ", mismatches.Take(5))}");
    }

    [Fact]
    public void The_check_catches_a_wrong_backward_formula()
    {
        // x² with derivative x instead of 2x: the check must notice.
        var wrong = new Case(x => x[0].Map("WrongSquare", v => v * v, (v, y) => v), [U(99, 0.5f, 1.5f, 4)]);
        Assert.Equal(4, Mismatches(wrong).Count);
    }

    /// <summary>Every input element whose backward gradient differs from the central difference, described.</summary>
    private static List<string> Mismatches(Case c)
    {
        var inputs = c.Inputs.Select(t => Tensor.From(t.ToArray(), t.Shape).RequireGrad()).ToArray();
        var output = c.F(inputs);
        var weights = Tensor.Uniform(output.Shape, -1, 1, new Generator(2024));
        output.Backward(weights);

        var mismatches = new List<string>();
        using var noGrad = Tensor.NoGrad();
        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            if (x.Grad is null)
            {
                mismatches.Add($"input {k} received no gradient");
                continue;
            }
            for (int i = 0; i < x.Count; i++)
            {
                float original = x.data[i];
                float plus = (float)(original + Step), minus = (float)(original - Step);
                x.data[i] = plus;
                double high = Objective(c.F(inputs), weights);
                x.data[i] = minus;
                double low = Objective(c.F(inputs), weights);
                x.data[i] = original;

                double numeric = (high - low) / ((double)plus - minus);
                double analytic = x.Grad.data[i];
                if (!(Math.Abs(numeric - analytic) <= AbsoluteTolerance + RelativeTolerance * Math.Abs(numeric)))
                    mismatches.Add($"input {k}, element {i}: backward gives {analytic:G6}, finite differences {numeric:G6}");
            }
        }
        return mismatches;
    }

    /// <summary>Σ w·y accumulated in double.</summary>
    private static double Objective(Tensor output, Tensor weights)
    {
        double sum = 0;
        for (int i = 0; i < output.Count; i++) sum += (double)weights.data[i] * output.data[i];
        return sum;
    }

    [Fact]
    public void Every_listed_operation_has_a_case()
    {
        string[] required = ["Add", "Subtract", "Multiply", "Divide", "Exp", "Log", "Sqrt", "Abs", "Pow", "Clamp", "Sum", "Mean", "Max", "Min",
            "MatMul", "Reshape", "Permute", "Transpose", "Slice", "Select", "Flip", "Cat", "Stack", "Conv2d", "MaxPool2d", "AvgPool2d",
            "Pad with zeros", "Pad reflect", "Pad replicate", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax",
            "MseLoss", "BinaryCrossEntropyWithLogits", "CrossEntropy"];
        foreach (var op in required) Assert.Contains(Cases.Keys, k => k.StartsWith(op, StringComparison.Ordinal));
        Assert.Contains(Cases.Keys, k => k.Contains("stride") && k.StartsWith("Conv2d"));
        Assert.Contains(Cases.Keys, k => k.Contains("dilation") && k.StartsWith("Conv2d"));
        Assert.Contains(Cases.Keys, k => k.Contains("groups") && k.StartsWith("Conv2d"));
    }
}
