namespace DeepImaging;

public sealed partial class Tensor
{
    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (1-D when no shape is given).</summary>
    public static Tensor From(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0) shape = [data.Length];
        int count = Shapes.Count(shape, "Tensor.From");
        if (count != data.Length)
            throw new ArgumentException($"Tensor.From: {data.Length} values do not fill shape {Shapes.Format(shape)}, which needs {count}.", nameof(data));
        return new Tensor((float[])data.Clone(), (int[])shape.Clone());
    }

    /// <summary>A 2-D tensor [rows, columns] from a C# rectangular array.</summary>
    public static Tensor From(float[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Tensor(Flatten(values), [values.GetLength(0), values.GetLength(1)]);
    }

    /// <summary>A 2-D tensor [rows, columns] from a rectangular array of doubles (converted to float32).</summary>
    public static Tensor From(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var data = new float[values.Length];
        int i = 0;
        foreach (double v in values) data[i++] = (float)v;
        return new Tensor(data, [values.GetLength(0), values.GetLength(1)]);
    }

    /// <summary>A 3-D tensor (e.g. [C, H, W]) from a C# rectangular array.</summary>
    public static Tensor From(float[,,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Tensor(Flatten(values), [values.GetLength(0), values.GetLength(1), values.GetLength(2)]);
    }

    /// <summary>A 4-D tensor (e.g. [N, C, H, W]) from a C# rectangular array.</summary>
    public static Tensor From(float[,,,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Tensor(Flatten(values), [values.GetLength(0), values.GetLength(1), values.GetLength(2), values.GetLength(3)]);
    }

    // A multi-dimensional array enumerates in row-major order, which is our layout.
    private static float[] Flatten(Array values)
    {
        var data = new float[values.Length];
        int i = 0;
        foreach (float v in values) data[i++] = v;
        return data;
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => Filled(shape, 0f, "Tensor.Zeros");

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Filled(shape, 1f, "Tensor.Ones");

    /// <summary>A tensor of the given shape filled with <paramref name="value"/>.</summary>
    public static Tensor Full(int[] shape, float value) => Filled(shape, value, "Tensor.Full");

    private static Tensor Filled(int[] shape, float value, string operation)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var data = new float[Shapes.Count(shape, operation)];
        if (value != 0) Array.Fill(data, value);
        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>A tensor filled with <paramref name="value"/>: <c>Tensor.Full(7f, 2, 3)</c>.</summary>
    public static Tensor Full(float value, params int[] shape) => Full(shape, value);

    /// <summary>The 1-D tensor 0, 1, ..., <paramref name="end"/> - 1.</summary>
    public static Tensor Arange(int end) => Arange(0, end, 1);

    /// <summary>The 1-D tensor start, start + step, ... below <paramref name="end"/> (above it for a negative step).</summary>
    public static Tensor Arange(float start, float end, float step = 1)
    {
        if (step == 0 || !float.IsFinite(step) || !float.IsFinite(start) || !float.IsFinite(end))
            throw new ArgumentException($"Tensor.Arange: start ({start}), end ({end}) and a non-zero step ({step}) must be finite numbers.");
        double count = Math.Max(0, Math.Ceiling((end - (double)start) / step));
        if (count > Array.MaxLength)
            throw new ArgumentException($"Tensor.Arange: from {start} to {end} in steps of {step} would make {count:N0} values, more than a tensor can hold.");
        int n = (int)count;
        var data = new float[n];
        for (int i = 0; i < n; i++) data[i] = (float)(start + i * (double)step);
        return new Tensor(data, [n]);
    }

    /// <summary>Uniform random values in [0, 1), reproducible from <paramref name="seed"/>.</summary>
    public static Tensor Rand(int[] shape, int seed) => Rand(shape, new Generator((ulong)seed));

    /// <summary>Uniform random values in [0, 1) drawn from <paramref name="generator"/>.</summary>
    public static Tensor Rand(int[] shape, Generator generator) => Uniform(shape, 0f, 1f, generator);

    /// <summary>Uniform random values in [<paramref name="low"/>, <paramref name="high"/>) drawn from <paramref name="generator"/>.</summary>
    public static Tensor Uniform(int[] shape, float low, float high, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var t = Zeros(shape);
        for (int i = 0; i < t.data.Length; i++) t.data[i] = low + (high - low) * generator.NextFloat();
        return t;
    }

    /// <summary>Standard normal random values, reproducible from <paramref name="seed"/>.</summary>
    public static Tensor Randn(int[] shape, int seed) => Randn(shape, new Generator((ulong)seed));

    /// <summary>Standard normal random values drawn from <paramref name="generator"/>.</summary>
    public static Tensor Randn(int[] shape, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var t = Zeros(shape);
        for (int i = 0; i < t.data.Length; i++) t.data[i] = (float)generator.NextNormal();
        return t;
    }

    /// <summary>A tensor of zeros with this tensor's shape.</summary>
    public Tensor ZerosLike() => Zeros(shape);

    /// <summary>A tensor of ones with this tensor's shape.</summary>
    public Tensor OnesLike() => Ones(shape);
}
