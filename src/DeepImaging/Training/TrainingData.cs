namespace DeepImaging.Training;

/// <summary>The checks the <see cref="Trainer"/> makes on its data before training, each naming what is wrong and where.</summary>
internal static class TrainingData
{
    /// <summary>Samples along dimension 0 of both, as many targets as inputs, at least one sample, every value finite.</summary>
    public static void Check(Tensor inputs, Tensor targets)
    {
        if (inputs.Rank < 2)
            throw new ArgumentException($"Trainer: inputs have shape {inputs.ShapeString}; they need the samples along the first dimension and the features after it, e.g. [N, features] or [N, C, H, W]. For one feature per sample use inputs.Reshape(-1, 1).", nameof(inputs));
        if (targets.Rank < 1)
            throw new ArgumentException($"Trainer: targets are a scalar; give one target per sample, shape [N] or [N, ...].", nameof(targets));
        if (inputs.shape[0] == 0)
            throw new ArgumentException($"Trainer: the dataset is empty (inputs of shape {inputs.ShapeString}); there is nothing to train on.", nameof(inputs));
        if (inputs.shape[0] != targets.shape[0])
            throw new ArgumentException($"Trainer: inputs have {inputs.shape[0]} samples (shape {inputs.ShapeString}) but targets have {targets.shape[0]} (shape {targets.ShapeString}); give one target per sample.", nameof(targets));
        CheckFinite(inputs, "inputs");
        CheckFinite(targets, "targets");
    }

    private static void CheckFinite(Tensor t, string what)
    {
        int i = Array.FindIndex(t.data, v => !float.IsFinite(v));
        if (i < 0) return;
        int perSample = t.Count / t.shape[0];
        int row = i / perSample, within = i % perSample;
        string where = t.Rank <= 2 ? $"row {row}, column {within}" : $"sample {row}, position {Shapes.Format(Unravel(within, t.shape[1..]))}";
        throw new ArgumentException($"Trainer: {what} contain {Tensor.Num(t.data[i])} at {where}; every value must be a finite number (fill or drop missing values first).", what);
    }

    private static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
