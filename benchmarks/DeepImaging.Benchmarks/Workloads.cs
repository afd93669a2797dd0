using System.Globalization;
using DeepImaging.NN;
using DeepImaging.Training;

namespace DeepImaging.Benchmarks;

/// <summary>
/// The workloads of issue 14, by the names compare.json uses: a large matrix product, four convolutions (three
/// forward, one backward) and three training steps of course-sized networks. benchmarks/torch_reference.py defines
/// the same list in PyTorch and numpy; keep the two in step (the names are the join key, and each side's
/// <see cref="WorkloadRun.Work"/> description must match the other's).
/// </summary>
public static class Workloads
{
    private static readonly ConvShape Single = new([1, 1, 256, 256], [1, 1, 3, 3], Padding: 1);   // one filter over one image
    private static readonly ConvShape Batch = new([32, 16, 32, 32], [32, 16, 3, 3], Padding: 1);  // a middle layer on a batch
    private static readonly ConvShape Strided = new([8, 16, 32, 32], [32, 16, 3, 3], Padding: 1, Stride: 2); // a down-sampling layer

    /// <summary>Every workload, in table order.</summary>
    public static IEnumerable<Workload> All() => MatMul().Concat(Conv2d()).Concat(Training());

    /// <summary>sgemm-1024: a 1024 x 1024 · 1024 x 1024 product through <see cref="Tensor.MatMul"/> (numpy's <c>a @ b</c> is the reference).</summary>
    public static IEnumerable<Workload> MatMul()
    {
        const int n = 1024;
        yield return new Workload("sgemm-1024", 2.0 * n * n * n, () =>
        {
            var a = Tensor.Rand([n, n], seed: 1);
            var b = Tensor.Rand([n, n], seed: 2);
            return new WorkloadRun(() => a.MatMul(b), $"matmul {a.ShapeString} x {b.ShapeString} -> {a.MatMul(b).ShapeString}");
        });
    }

    /// <summary>Conv2d forward with bias for three shapes, and the input and weight gradients of the batched one.</summary>
    public static IEnumerable<Workload> Conv2d()
    {
        yield return ConvForward("conv2d-forward-single", Single);
        yield return ConvForward("conv2d-forward-batch", Batch);
        yield return ConvForward("conv2d-forward-strided", Strided);
        // The backward pass is two products of the forward's size: the input gradient and the weight gradient.
        yield return new Workload("conv2d-backward", 2 * Batch.ForwardFlops, () =>
        {
            var (x, w, b) = ConvInputs(Batch);
            x.RequiresGrad = true;
            w.RequiresGrad = true; // the bias takes part in the forward pass but gets no gradient
            var output = Functional.Conv2d(x, w, b, Batch.Stride, Batch.Padding);
            var gradient = Tensor.Randn(output.Shape, seed: 4);
            void Step()
            {
                x.Grad = null;
                w.Grad = null;
                output.Backward(gradient, retainGraph: true); // the graph is built once, outside the timed step
            }
            Step();
            return new WorkloadRun(Step, $"{Describe(x, w, b, Batch)} -> {output.ShapeString}; gradients {x.Grad!.ShapeString} {w.Grad!.ShapeString}");
        });
    }

    /// <summary>Training steps (zero the gradients, forward, cross-entropy, backward, optimiser step) of three networks.</summary>
    public static IEnumerable<Workload> Training()
    {
        // LeNet-5 as it is usually adapted to 28 x 28 digits: padding 2 keeps the first layer at 28 x 28; ReLU and max-pooling.
        double lenetForward = new ConvShape([64, 1, 28, 28], [6, 1, 5, 5], 2).ForwardFlops
                            + new ConvShape([64, 6, 14, 14], [16, 6, 5, 5], 0).ForwardFlops
                            + 2.0 * 64 * (400 * 120 + 120 * 84 + 84 * 10);
        yield return new Workload("lenet-step", 3 * lenetForward, () =>
        {
            var model = new Sequential(
                new NN.Conv2d(1, 6, 5, padding: 2, seed: 1), new ReLU(), new MaxPool2d(2),
                new NN.Conv2d(6, 16, 5, seed: 2), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(16 * 5 * 5, 120, seed: 3), new ReLU(),
                new Linear(120, 84, seed: 4), new ReLU(),
                new Linear(84, 10, seed: 5));
            return TrainingStep(model, new Sgd(model.Parameters(), lr: 0.01f), Tensor.Rand([64, 1, 28, 28], seed: 6), Labels(64, 10));
        });

        // Notebook 05 (05-screening-cnn.ipynb): 16 x 16 greyscale patches, lesion or not, Adam(lr 0.003), batch 32.
        double cnnForward = new ConvShape([32, 1, 16, 16], [8, 1, 3, 3], 1).ForwardFlops
                          + new ConvShape([32, 8, 8, 8], [16, 8, 3, 3], 1).ForwardFlops
                          + 2.0 * 32 * 256 * 2;
        yield return new Workload("cnn-step", 3 * cnnForward, () =>
        {
            var model = new Sequential(
                new NN.Conv2d(1, 8, 3, padding: 1, seed: 1), new ReLU(), new MaxPool2d(2),
                new NN.Conv2d(8, 16, 3, padding: 1, seed: 2), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(16 * 4 * 4, 2, seed: 3));
            return TrainingStep(model, new Adam(model.Parameters(), lr: 0.003f), Tensor.Rand([32, 1, 16, 16], seed: 4), Labels(32, 2));
        });

        // The notes' 2-4-2 network on their four labelled people P1-P4 (height and weight, min-max normalised; 1 = M).
        yield return new Workload("mlp-tiny-step", 3 * 2.0 * 4 * (2 * 4 + 4 * 2), () =>
        {
            var model = new Sequential(new Linear(2, 4, seed: 2), new Tanh(), new Linear(4, 2, seed: 3));
            var people = Tensor.From(new float[,] { { 0.625f, 0.875f }, { 0f, 0f }, { 0.25f, 0.375f }, { 1f, 1f } });
            return TrainingStep(model, new Sgd(model.Parameters(), lr: 0.1f), people, Tensor.From([1f, 0f, 1f, 1f], 4));
        });
    }

    private static Workload ConvForward(string name, ConvShape shape) => new(name, shape.ForwardFlops, () =>
    {
        var (x, w, b) = ConvInputs(shape);
        return new WorkloadRun(() => Functional.Conv2d(x, w, b, shape.Stride, shape.Padding),
            $"{Describe(x, w, b, shape)} -> {Functional.Conv2d(x, w, b, shape.Stride, shape.Padding).ShapeString}");
    });

    private static (Tensor X, Tensor W, Tensor B) ConvInputs(ConvShape shape) =>
        (Tensor.Randn(shape.Input, seed: 1), Tensor.Randn(shape.Weight, seed: 2) * 0.1f, Tensor.Randn([shape.Weight[0]], seed: 3));

    private static string Describe(Tensor x, Tensor w, Tensor b, ConvShape shape) =>
        $"conv2d {x.ShapeString} weight {w.ShapeString} bias {b.ShapeString} stride {shape.Stride} padding {shape.Padding}";

    // One step as the Trainer takes it, without its bookkeeping: the gradients go to null (PyTorch's
    // zero_grad(set_to_none=True)), then forward, loss, backward and the update.
    private static WorkloadRun TrainingStep(Sequential model, Optimizer optimizer, Tensor inputs, Tensor labels)
    {
        var loss = new CrossEntropyLoss();
        string output;
        using (Tensor.NoGrad()) output = model.Forward(inputs).ShapeString;
        string work = string.Join(' ', model.Select(layer => layer.GetType().Name))
                      + "; parameters " + string.Join(' ', model.Parameters().Select(p => p.ShapeString))
                      + $"; input {inputs.ShapeString} -> {output}; {loss.GetType().Name}; {optimizer.GetType().Name} lr "
                      + optimizer.LearningRate.ToString(CultureInfo.InvariantCulture);
        return new WorkloadRun(() =>
        {
            optimizer.ZeroGrad();
            loss.Forward(model.Forward(inputs), labels).Backward();
            optimizer.Step();
        }, work);
    }

    // Class labels 0..classes-1 as a float tensor, the form CrossEntropyLoss takes.
    private static Tensor Labels(int count, int classes)
    {
        var generator = new Generator(5);
        return Tensor.From(Enumerable.Range(0, count).Select(_ => (float)generator.NextInt(classes)).ToArray(), count);
    }
}
