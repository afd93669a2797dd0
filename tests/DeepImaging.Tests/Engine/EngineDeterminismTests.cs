using DeepImaging.Engine;
using DeepImaging.NN;
using DeepImaging.Training;

namespace DeepImaging.Tests.Engine;

[Collection(nameof(EngineSwitches))]
public class EngineDeterminismTests
{
    [Fact]
    public void Training_steps_are_bit_identical_on_one_two_and_three_threads_and_both_vector_widths()
    {
        // Large enough that the convolutions share their images out over the threads (more than 2^20 multiply-adds).
        float[]? reference = null;
        foreach (bool use512 in EngineSwitches.Widths)
            foreach (int threads in new[] { 1, 2, 3 })
            {
                float[] parameters;
                using (EngineSwitches.Set(use512, threads))
                    parameters = Train();
                reference ??= parameters;
                Assert.True(reference.AsSpan().SequenceEqual(parameters), $"{threads} thread(s), {(use512 ? 512 : 256)}-bit kernels");
            }
    }

    // Three SGD steps of a small CNN on fixed data; every parameter afterwards, one after the other.
    private static float[] Train()
    {
        var model = new Sequential(
            new Conv2d(3, 8, 3, padding: 1, seed: 1), new ReLU(), new MaxPool2d(2),
            new Conv2d(8, 16, 3, padding: 1, seed: 2), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Linear(16 * 4 * 4, 10, seed: 3));
        var optimizer = new Sgd(model.Parameters(), lr: 0.05f, momentum: 0.9f);
        var images = Tensor.Randn([40, 3, 16, 16], seed: 4);
        var labels = Tensor.From(Enumerable.Range(0, 40).Select(i => (float)(i % 10)).ToArray(), 40);
        for (int step = 0; step < 3; step++)
        {
            optimizer.ZeroGrad();
            Functional.CrossEntropy(model.Forward(images), labels).Backward();
            optimizer.Step();
        }
        return model.Parameters().SelectMany(p => p.ToArray()).ToArray();
    }
}
