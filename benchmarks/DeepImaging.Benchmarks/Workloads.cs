using DeepImaging.NN;
using DeepImaging.Training;

namespace DeepImaging.Benchmarks;

/// <summary>
/// The workloads measured, with the shapes of the course: square matrix products, convolutions of
/// typical layer sizes, and one training step of a small CNN. benchmarks/torch_reference.py runs the
/// same list in PyTorch and numpy; keep the two in step (the names are the join key).
/// </summary>
public static class Workloads
{
    /// <summary>Convolution shapes timed forward.</summary>
    public static readonly ConvShape[] ConvShapes =
    [
        new([32, 1, 28, 28], [8, 1, 3, 3], Padding: 1),     // first layer on a batch of digit-sized images
        new([16, 3, 64, 64], [16, 3, 3, 3], Padding: 1),    // first layer on RGB patches
        new([8, 16, 32, 32], [32, 16, 3, 3], Padding: 1, Stride: 2), // a deeper, down-sampling layer
        new([1, 1, 256, 256], [1, 1, 3, 3], Padding: 1),    // one filter over one 256 x 256 image
    ];

    /// <summary>The shape timed forward and backward (gradients of input, weight and bias).</summary>
    public static readonly ConvShape BackwardShape = ConvShapes[1];

    /// <summary>Square matrix products n x n · n x n, 2n³ operations.</summary>
    public static IEnumerable<Workload> MatMul() =>
        new[] { 256, 512, 1024 }.Select(n => new Workload($"matmul {n}", 2.0 * n * n * n, () =>
        {
            var a = Tensor.Rand([n, n], seed: 1);
            var b = Tensor.Rand([n, n], seed: 2);
            return () => a.MatMul(b);
        }));

    /// <summary>Conv2d forward for each of <see cref="ConvShapes"/>, then forward + backward for <see cref="BackwardShape"/>.</summary>
    public static IEnumerable<Workload> Conv2d()
    {
        foreach (var shape in ConvShapes)
            yield return new Workload(shape.Name, shape.ForwardFlops, () =>
            {
                var (x, w, b) = ConvInputs(shape, requiresGrad: false);
                return () => Functional.Conv2d(x, w, b, shape.Stride, shape.Padding);
            });

        var s = BackwardShape;
        // The backward pass is two more products of the forward's size: dInput and dWeight.
        yield return new Workload(s.Name + " fwd+bwd", 3 * s.ForwardFlops, () =>
        {
            var (x, w, b) = ConvInputs(s, requiresGrad: true);
            var (outHeight, outWidth) = s.Output;
            var gradient = Tensor.Ones(s.Input[0], s.Weight[0], outHeight, outWidth);
            return () =>
            {
                x.Grad = null; w.Grad = null; b.Grad = null;
                Functional.Conv2d(x, w, b, s.Stride, s.Padding).Backward(gradient);
            };
        });
    }

    /// <summary>One SGD step (forward, cross-entropy, backward, update) of a small CNN on a batch of [32, 1, 16, 16].</summary>
    public static IEnumerable<Workload> Training()
    {
        // Forward operations of the two convolutions and the linear layer; training is about 3 times that.
        double forward = new ConvShape([32, 1, 16, 16], [8, 1, 3, 3], 1).ForwardFlops
                       + new ConvShape([32, 8, 8, 8], [16, 8, 3, 3], 1).ForwardFlops
                       + 2.0 * 32 * 16 * 4 * 4 * 10;
        yield return new Workload("train step cnn [32,1,16,16]", 3 * forward, () =>
        {
            var model = new Sequential(
                new NN.Conv2d(1, 8, 3, padding: 1, seed: 1), new ReLU(), new MaxPool2d(2),
                new NN.Conv2d(8, 16, 3, padding: 1, seed: 2), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(16 * 4 * 4, 10, seed: 3));
            var optimizer = new Sgd(model.Parameters(), lr: 0.01f);
            var loss = new CrossEntropyLoss();
            var images = Tensor.Rand([32, 1, 16, 16], seed: 4);
            var generator = new Generator(5);
            var labels = Tensor.From(Enumerable.Range(0, 32).Select(_ => (float)generator.NextInt(10)).ToArray(), 32);
            return () =>
            {
                optimizer.ZeroGrad();
                loss.Forward(model.Forward(images), labels).Backward();
                optimizer.Step();
            };
        });
    }

    /// <summary>Every workload, in table order.</summary>
    public static IEnumerable<Workload> All() => MatMul().Concat(Conv2d()).Concat(Training());

    private static (Tensor X, Tensor W, Tensor B) ConvInputs(ConvShape shape, bool requiresGrad)
    {
        var x = Tensor.Randn(shape.Input, seed: 1);
        var w = Tensor.Randn(shape.Weight, seed: 2) * 0.1f;
        var b = Tensor.Randn([shape.Weight[0]], seed: 3);
        if (requiresGrad)
        {
            x.RequiresGrad = true; w.RequiresGrad = true; b.RequiresGrad = true;
        }
        return (x, w, b);
    }
}
