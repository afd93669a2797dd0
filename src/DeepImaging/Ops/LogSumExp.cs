namespace DeepImaging;

/// <summary>
/// log Σ e^x over one line of values, the heart of Softmax, LogSoftmax and CrossEntropy, computed as
/// max + log Σ e^(x - max): subtracting the maximum first keeps e^x from overflowing and changes nothing else.
/// The sum is taken in double precision.
/// </summary>
/// <param name="Max">The largest value of the line.</param>
/// <param name="SumExp">Σ e^(x - max) over the line.</param>
internal readonly record struct LogSumExp(double Max, double SumExp)
{
    /// <summary>log Σ e^x.</summary>
    public double Value => Max + Math.Log(SumExp);

    /// <summary>The softmax of one value of the line: e^(x - max) / Σ e^(x - max).</summary>
    public float Softmax(float x) => (float)(Math.Exp(x - Max) / SumExp);

    /// <summary>Over the <paramref name="count"/> values data[start], data[start + step], ....</summary>
    public static LogSumExp Of(float[] data, int start, int count, int step)
    {
        float max = float.NegativeInfinity;
        for (int k = 0; k < count; k++) max = MathF.Max(max, data[start + k * step]);
        double sum = 0;
        for (int k = 0; k < count; k++) sum += Math.Exp(data[start + k * step] - (double)max);
        return new(max, sum);
    }
}
