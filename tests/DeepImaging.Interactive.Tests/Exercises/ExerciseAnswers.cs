using DeepImaging.Explain;
using DeepImaging.Metrics;
using DeepImaging.NN;
using static DeepImaging.Functional;

namespace DeepImaging.Interactive.Tests.Exercises;

/// <summary>
/// The plain answers of the course notebooks' practice exercises. They live here, with the tests, and never in a
/// notebook or the package: the package holds only their hashes (src/DeepImaging.Interactive/Exercises/exercise-key.json),
/// which <see cref="ExerciseKeyTests"/> regenerates from this list and checks. Every right answer is computed with
/// the library, as the notebook that asks it would compute it; the anticipated mistakes too, where the library can
/// make the same mistake (a kernel not flipped, a layer left out).
/// </summary>
internal static class ExerciseAnswers
{
    public static IReadOnlyList<ExerciseAnswer> All { get; } =
    [
        // 01 · What is deep learning?
        new("1.1", "1.1 weighted sum", 2, Neuron(3, 2),
            "z = w1 × x1 + w2 × x2 + b, with the neuron's w = (0.8, −0.4), b = 0.1 and the input x = (3, 2).",
            [
                new(Neuron(3, 2) - 0.1, "that leaves out the bias: add b = 0.1."),
                new(1 / (1 + Math.Exp(-Neuron(3, 2))), "that is y = σ(z), after the sigmoid; the exercise asks for z, before it."),
                new(Neuron(1, 0.5f), "that is z for the example input x = (1, 0.5); this exercise uses x = (3, 2)."),
                new(0.8 * 3 + 0.4 * 2 + 0.1, "watch the sign of w2 = −0.4: it subtracts 0.4 × x2."),
            ]),
        new("1.2", "1.2 hidden layers", 0, ModelSummary.Dense(30, 16, 8, 4, 1).Rows.Count - 1,
            "the hidden layers are the ones between the input layer and the output layer.",
            [
                new(5, "that counts every layer; the input layer (30) and the output layer (1) are not hidden."),
                new(4, "that counts the output layer too (or the four weight matrices between the five layers); only the layers strictly between input and output are hidden."),
                new(2, "every size strictly between the input (30) and the output (1) is a hidden layer: count them again."),
            ]),
        new("1.3", "1.3 accuracy", 2, Accuracy184Of200,
            "accuracy = right answers / all answers, a fraction between 0 and 1.",
            [
                new(92, "that is a percentage; give the fraction, a number between 0 and 1."),
                new(1 - Accuracy184Of200, "that is the error rate, the fraction it got wrong; accuracy is the fraction it got right."),
                new(184, "that is the number of right answers; divide it by the number of images."),
            ]),

        // 02 · Disease screening
        new("2.1", "2.1 parameters 3 -> 5", 0, new Linear(3, 5).ParameterCount,
            "parameters = inputs × outputs + one bias per output.",
            [
                new(new Linear(3, 5, bias: false).ParameterCount, "that counts the weights only; each of the 5 units also has a bias."),
                new(3 * 5 + 3, "there is one bias per unit of the layer the connections go to (5 units), not per input."),
                new(3 + 5, "that counts units; count the connections (every input to every unit) plus one bias per unit."),
            ]),
        new("2.2", "2.2 parameters 3-4-2", 0, ModelSummary.Dense(3, 4, 2).TotalParameters,
            "count each layer as inputs × outputs + outputs, then add the layers up.",
            [
                new(ModelSummary.Dense(3, 4).TotalParameters, "that is the 3 → 4 layer alone: add the 4 → 2 layer."),
                new(ModelSummary.Dense(4, 2).TotalParameters, "that is the 4 → 2 layer alone: add the 3 → 4 layer."),
                new(3 * 4 + 4 * 2, "that counts the weights only; each unit of the hidden and the output layer also has a bias."),
                new(3 + 4 + 2, "that counts units; count the parameters of each layer (inputs × outputs + outputs) and add them."),
            ]),
        new("2.3", "2.3 sensitivity", 2, Matrix((1, 1, 45), (1, 0, 5)).Sensitivity,
            "sensitivity = sick people the test flags / all sick people, a fraction between 0 and 1.",
            [
                new(90, "that is a percentage; give the fraction, a number between 0 and 1."),
                new(5.0 / 50, "that is the fraction of sick people the test misses; sensitivity is the fraction it finds."),
                new(45, "that is the number of patients flagged; divide it by the number of sick patients."),
            ]),

        // 03 · Fully connected limits
        new("3.1", "3.1 parameters", 0, ModelSummary.Dense(64 * 64 * 1, 100, 1).TotalParameters,
            "flatten the image into 64 × 64 × 1 inputs, then count each layer as inputs × outputs + outputs and add them.",
            [
                new(ModelSummary.Dense(64 * 64, 100).TotalParameters, "that is the first layer alone (or the weights without their biases): add the 100 → 1 layer with its bias."),
                new(ModelSummary.Dense(64 * 64 * 3, 100, 1).TotalParameters, "that treats the image as RGB (64 × 64 × 3); this one is greyscale, 64 × 64 × 1."),
                new(64 * 64 * 100, "that counts the first layer's weights only: add its biases and the 100 → 1 layer."),
                new(64 * 64 + 100 + 1, "that counts units, not parameters."),
            ]),
        new("3.2", "3.2 storage in MB", 2, ModelSummary.Dense(64 * 64, 100, 1).ParameterMegabytes,
            "bytes = parameters × 4 for float32, and a megabyte here is 10⁶ bytes.",
            [
                new(ModelSummary.Dense(64 * 64, 100, 1).TotalParameters / 1e6, "that counts one byte per parameter; a float32 takes 4 bytes."),
                new(ModelSummary.Dense(64 * 64, 100, 1).TotalParameters * 8 / 1e6, "that is 8 bytes per parameter (a double); a float32 takes 4."),
                new(ModelSummary.Dense(64 * 64, 100, 1).ParameterBytes / (1024.0 * 1024), "that divides by 2²⁰ (mebibytes); this exercise uses megabytes of 10⁶ bytes."),
                new(ModelSummary.Dense(64 * 64, 100, 1).ParameterBytes / 1e3, "that is in kilobytes; divide the bytes by 10⁶ for megabytes."),
            ]),

        // 04 · Convolution: the notes' input with the kernel [[2, 0], [1, -1]]
        new("4.1", "4.1 output[1, 0]", 0, Conv2d(NotesInput, Kernel)[1, 0],
            "lay the kernel on the 2 × 2 window whose top-left value is at row 1, column 0 (counting from 0), multiply the values on top of each other and add the four products.",
            [
                new(Convolve2d(NotesInput, Kernel)[1, 0], "that is the true convolution, with the kernel flipped; deep learning's convolution (cross-correlation) uses the kernel as it is."),
                new(Conv2d(NotesInput, Kernel)[0, 1], "that is row 0, column 1: the row comes first, and both count from 0."),
                new(Conv2d(NotesInput, Kernel)[0, 0], "that is the top-left output, row 0, column 0; move the kernel down one row."),
                new(Conv2d(NotesInput, Tensor.Arange(4).Reshape(2, 2))[1, 0], "that is the value with the notes' kernel [[0, 1], [2, 3]]; this exercise uses [[2, 0], [1, −1]]."),
            ]),
        new("4.2", "4.2 number of outputs", 0, Conv2d(Tensor.Zeros(5, 5), Tensor.Ones(3, 3)).Count,
            "count the positions where the 3 × 3 kernel fits entirely inside the input along a row, the same along a column, and multiply.",
            [
                new(Conv2d(Tensor.Zeros(5, 5), Tensor.Ones(3, 3)).Size(1), "that is the width of the output; the question asks how many values it has (width × height)."),
                new(5 * 5, "that is the number of input values; the kernel fits in fewer positions than that."),
                new((5 - 3) * (5 - 3), "count the positions along a row again: the first one, where the kernel starts at column 0, counts too."),
            ]),
        new("4.3", "4.3 flipped top-left", 0, Convolve2d(NotesInput, Kernel)[0, 0],
            "turn the kernel by 180 degrees (reverse its rows and its columns), lay it on the top-left 2 × 2 window, multiply and add.",
            [
                new(Conv2d(NotesInput, Kernel)[0, 0], "that is the cross-correlation: the kernel was not flipped. Turn it by 180 degrees first."),
                new(Conv2d(NotesInput, Kernel.Flip(0))[0, 0], "you flipped the rows only; a turn by 180 degrees reverses the rows and the columns."),
                new(Conv2d(NotesInput, Kernel.Flip(1))[0, 0], "you flipped the columns only; a turn by 180 degrees reverses the rows and the columns."),
                new(Conv2d(NotesInput, Kernel.T)[0, 0], "you transposed the kernel; a turn by 180 degrees is not a transpose: reverse the rows and the columns."),
            ]),

        // 04.1 · Parameter sharing: an RGB image, 8 kernels of 5 x 5
        new("4.1.1", "4.1.1 conv parameters", 0, new NN.Conv2d(3, 8, 5).ParameterCount,
            "parameters = input channels × kernels × kernel height × kernel width + one bias per kernel.",
            [
                new(new NN.Conv2d(3, 8, 5, bias: false).ParameterCount, "that counts the weights only; each of the 8 kernels also has a bias."),
                new(new NN.Conv2d(1, 8, 5).ParameterCount, "each kernel spans all 3 input channels: it has 3 × 5 × 5 weights, not 5 × 5."),
                new(new NN.Conv2d(3, 8, 5, bias: false).ParameterCount + 3, "there is one bias per kernel (output channel), not one per input channel."),
            ]),
        new("4.1.2", "4.1.2 multiply-adds per output", 0, MultAddsPerOutput(new NN.Conv2d(3, 8, 5)),
            "one output value is one kernel laid on one window: count its multiplications, C × k × k.",
            [
                new(MultAddsPerOutput(new NN.Conv2d(1, 8, 5)), "the kernel covers all 3 input channels: count the products over every channel of the window."),
                new(new NN.Conv2d(3, 8, 5, bias: false).ParameterCount, "that is all 8 kernels; one output value comes from one kernel."),
                new(MultAddsPerOutput(new NN.Conv2d(3, 8, 5)) + 1, "the bias is added once and is not a multiplication: count the products only."),
            ]),

        // 04.2 · Padding
        new("4.2.1", "4.2.1 same padding for 5x5", 0, Enumerable.Range(0, 5).Single(p => ConvArithmetic.OutputSize(64, 5, 1, p) == 64),
            "the size stays when n + 2p − k + 1 = n: solve it for p with k = 5.",
            [
                new(2 * Enumerable.Range(0, 5).Single(p => ConvArithmetic.OutputSize(64, 5, 1, p) == 64), "that is the padding of both sides together; the question asks for each side."),
                new(1, "that is the padding for a 3 × 3 kernel; a 5 × 5 kernel reaches further from its centre."),
                new(5, "the padding is not the kernel size: count how far the kernel reaches beyond its centre pixel."),
            ]),
        new("4.2.2", "4.2.2 full output size", 0, ConvArithmetic.OutputSize(10, 5, 1, Padding.Full),
            "full padding puts k − 1 zeros on each side; then output = floor((n + 2p − k) / s) + 1.",
            [
                new(ConvArithmetic.OutputSize(10, 3, 1, Padding.Full), "n + 2 is the rule for a 3 × 3 kernel; full padding is k − 1 on each side, so it grows with the kernel."),
                new(ConvArithmetic.OutputSize(10, 5, 1, Padding.Same), "that is same padding, which keeps the size; full padding adds more."),
                new(ConvArithmetic.OutputSize(10, 5, 1, Padding.Valid), "that is valid padding (none at all); full padding adds k − 1 on each side."),
                new(10 + 2 * 4, "that is the padded width; the kernel still has to fit in it: subtract k and add 1."),
            ]),

        // 04.3 · Stride
        new("4.3.1", "4.3.1 strided size", 0, ConvArithmetic.OutputSize(12, 3, 2),
            "output = floor((n + 2p − k) / s) + 1.",
            [
                new((12 - 3) / 2, "you left out the + 1 of the formula: the kernel's first position counts too."),
                new((12 - 3 + 1) / 2 + 1, "the formula divides n + 2p − k (not n) by the stride and rounds down: a step that would stick out of the input is not taken."),
                new(ConvArithmetic.OutputSize(12, 3, 1), "that is the size at stride 1; at stride 2 the kernel visits every second position."),
            ]),
        new("4.3.2", "4.3.2 ResNet stem", 0, ConvArithmetic.OutputSize(224, 7, 2, 3),
            "output = floor((n + 2p − k) / s) + 1, with the image size n, the kernel k, the padding p and the stride s of the question.",
            [
                new((224 + 2 * 3 - 7) / 2, "you left out the + 1 of the formula: the kernel's first position counts too."),
                new((224 + 2 * 3 - 7 + 1) / 2 + 1, "the formula rounds the division down, not up."),
                new(ConvArithmetic.OutputSize(224, 7, 1, 3), "that is the size at stride 1; stride 2 roughly halves it."),
                new(ConvArithmetic.OutputSize(224, 7, 2, 0), "you left out the padding: 3 zeros are added on each side."),
            ]),

        new("4.3.3", "4.3.3 dilated size", 0, ConvArithmetic.OutputSize(32, 3, 1, 0, dilation: 2),
            "a dilated kernel spans d × (k − 1) + 1 pixels; then output = floor((n + 2p − span) / s) + 1.",
            [
                new(ConvArithmetic.OutputSize(32, 3), "that is the size without dilation; with dilation 2 the 3 taps spread over a wider span."),
                new(ConvArithmetic.OutputSize(32, 3 * 2 + 1), "the span of a dilated kernel is d × (k − 1) + 1, not d × k + 1: there are k − 1 gaps between k taps."),
                new(ConvArithmetic.OutputSize(32, 3 * 2), "the span of a dilated kernel is d × (k − 1) + 1, not d × k: count the taps and the gaps between them."),
                new(ConvArithmetic.OutputSize(32, 3, stride: 2), "dilation is not the stride: the kernel still moves one pixel at a time, only its taps are spread apart."),
            ]),

        // 05 · Screening CNN
        new("5.1", "5.1 first layer", 0, new NN.Conv2d(3, 8, 3).ParameterCount,
            "parameters = input channels × filters × 3 × 3 + one bias per filter.",
            [
                new(new NN.Conv2d(1, 8, 3).ParameterCount, "that is the layer for greyscale patches; with RGB patches each filter spans 3 channels."),
                new(new NN.Conv2d(3, 8, 3, bias: false).ParameterCount, "that counts the weights only; add one bias per filter."),
                new(new NN.Conv2d(3, 8, 3, bias: false).ParameterCount + 3, "there is one bias per filter, not one per input channel."),
            ]),
        new("5.2", "5.2 width after pooling", 0, PooledWidth(100, times: 3),
            "each 2 × 2 max-pooling with stride 2 halves the width and rounds down.",
            [
                new(100 / 8.0, "a feature map has whole pixels: each pooling rounds down, dropping a last column that has no partner."),
                new(Math.Ceiling(100 / 8.0), "each pooling rounds down, not up: a last column without a partner is dropped."),
                new(PooledWidth(100, times: 2), "that is after two poolings; there are three."),
                new(100 / 3, "each pooling halves the width; three poolings do not divide it by 3."),
            ]),

        // 06 · What the CNN sees
        new("6.1", "6.1 receptive field", 0, ScreeningCnnReceptiveField(extraConvolution: true),
            "apply r = r_prev + (k_eff − 1) × j_prev and j = j_prev × s layer by layer: conv, pooling, conv, pooling, then the new conv.",
            [
                new(ScreeningCnnReceptiveField(extraConvolution: false), "that is the field of the last pooling layer; the new convolution adds (3 − 1) × j to it."),
                new(ScreeningCnnReceptiveField(extraConvolution: false) + (3 - 1) * 2, "after the second pooling the jump j is 4 (both poolings have stride 2), not 2."),
                new(ScreeningCnnReceptiveField(extraConvolution: false) + (3 - 1), "the new convolution's kernel steps over values that lie j = 4 input pixels apart: multiply (k − 1) by the jump."),
                new(3 + 2 + 3 + 2 + 3, "the kernel sizes do not simply add up: each layer adds (k − 1) × j, with j growing at every stride."),
            ]),
        new("6.2", "6.2 occluded copies", 0, OcclusionWindows(16, window: 4, stride: 2),
            "count the positions of the window along one side as for a convolution, floor((n − w) / s) + 1, then square it.",
            [
                new(OcclusionWindows(16, window: 4, stride: 2) + 1, "the unoccluded patch also goes through the network once, but it is not an occluded copy."),
                new(Math.Pow(16 / 2, 2), "16 / 2 counts steps of 2 over the whole side; the window must fit: floor((16 − 4) / 2) + 1 positions."),
                new(Math.Pow((16 - 4) / 2, 2), "you left out the + 1 of the formula: the window's first position counts too."),
                new((16 - 4) / 2 + 1, "that is one direction only; the window moves down as well as across."),
                new(Math.Pow(16 / 4, 2), "that counts windows that do not overlap; these move by 2, half a window."),
            ]),
    ];

    /// <summary>The notes' 3 × 3 input, 0..8.</summary>
    private static Tensor NotesInput => Tensor.Arange(9).Reshape(3, 3);

    /// <summary>The kernel of exercises 4.1 and 4.3.</summary>
    private static Tensor Kernel => Tensor.From(new float[,] { { 2, 0 }, { 1, -1 } });

    /// <summary>z of notebook 01's neuron (w = (0.8, −0.4), b = 0.1) for the input (x1, x2), computed by a Linear layer.</summary>
    private static float Neuron(float x1, float x2)
    {
        var neuron = new Linear(2, 1);
        neuron.Weight[0, 0] = 0.8f;
        neuron.Weight[0, 1] = -0.4f;
        neuron.Bias![0] = 0.1f;
        return neuron.Forward(Tensor.From(new float[,] { { x1, x2 } })).Item();
    }

    /// <summary>Exercise 1.3: a model right on 184 of 200 images.</summary>
    private static double Accuracy184Of200 => Matrix((1, 1, 184), (1, 0, 16)).Accuracy;

    /// <summary>The confusion matrix of <c>Count</c> samples of each (actual, predicted) pair, 1 being the positive label.</summary>
    private static ConfusionMatrix Matrix(params (int Actual, int Predicted, int Count)[] groups) => new(
        [.. groups.SelectMany(g => Enumerable.Repeat(g.Actual, g.Count))],
        [.. groups.SelectMany(g => Enumerable.Repeat(g.Predicted, g.Count))], labels: [0, 1], positiveLabel: 1);

    /// <summary>A conv layer's multiply-adds on a 32 × 32 input divided by its number of output values.</summary>
    private static long MultAddsPerOutput(NN.Conv2d layer)
    {
        var summary = ModelSummary.Of(layer, 1, layer.InChannels, 32, 32);
        return summary.TotalMultAdds / summary.OutputShape.Aggregate(1L, (a, b) => a * b);
    }

    /// <summary>
    /// The receptive field (in input pixels) of the last layer of notebook 06's screening CNN on a 16 × 16 patch, from
    /// the model summary; with <paramref name="extraConvolution"/>, of a third 3 × 3 convolution after its last pooling.
    /// </summary>
    private static int ScreeningCnnReceptiveField(bool extraConvolution)
    {
        LayerSpec[] layers =
        [
            LayerSpec.Conv2d(8, 3, padding: 1), LayerSpec.ReLU(), LayerSpec.MaxPool2d(2),
            LayerSpec.Conv2d(16, 3, padding: 1), LayerSpec.ReLU(), LayerSpec.MaxPool2d(2),
        ];
        if (extraConvolution) layers = [.. layers, LayerSpec.Conv2d(32, 3, padding: 1)];
        return ModelSummary.Of([1, 16, 16], layers).Rows[^1].ReceptiveField!.Value;
    }

    /// <summary>How many occluded copies <see cref="Attribution.Occlusion"/> runs: the windows' positions, counted by occluding a 1-channel patch with a model that counts its inputs.</summary>
    private static int OcclusionWindows(int size, int window, int stride)
    {
        var counter = new InputCounter();
        Attribution.Occlusion(counter, Tensor.Zeros(1, 1, size, size), target: 0, window, stride);
        return counter.Images - 1; // the first pass is the unoccluded patch
    }

    /// <summary>A "model" that counts the images it is given and scores each 0.</summary>
    private sealed class InputCounter : Module
    {
        public int Images { get; private set; }

        public override Tensor Forward(Tensor input)
        {
            Images += input.Size(0);
            return Tensor.Zeros(input.Size(0), 1);
        }
    }

    /// <summary>The width of a feature map after 2 × 2 max-poolings with stride 2, by running them.</summary>
    private static int PooledWidth(int width, int times)
    {
        var map = Tensor.Zeros(1, 1, width, width);
        for (int i = 0; i < times; i++)
            map = MaxPool2d(map, 2);
        return map.Size(3);
    }
}
