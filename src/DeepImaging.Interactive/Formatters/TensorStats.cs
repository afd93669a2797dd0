using System.Text;

namespace DeepImaging.Interactive.Formatters;

/// <summary>Min, max, mean and standard deviation of the finite values, and how many values are NaN or infinite.</summary>
internal readonly record struct TensorStats(long Count, double Min, double Max, double Mean, double Std, long NaN, long PositiveInfinity, long NegativeInfinity)
{
    /// <summary>One pass over the values (in double, so a million floats sum accurately).</summary>
    public static TensorStats Of(ReadOnlySpan<float> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumSquares = 0;
        long finite = 0, nan = 0, posInf = 0, negInf = 0;
        foreach (float v in values)
        {
            if (float.IsNaN(v)) nan++;
            else if (float.IsPositiveInfinity(v)) posInf++;
            else if (float.IsNegativeInfinity(v)) negInf++;
            else
            {
                finite++;
                sum += v;
                sumSquares += (double)v * v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        if (finite == 0) (min, max) = (0, 0);
        double mean = finite == 0 ? 0 : sum / finite;
        double std = finite == 0 ? 0 : Math.Sqrt(Math.Max(0, sumSquares / finite - mean * mean));
        return new TensorStats(values.Length, min, max, mean, std, nan, posInf, negInf);
    }

    /// <summary>"min 0 · max 8 · mean 4 · std 2.582", plus counts of NaN and infinities when there are any.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("min ").Append(Html.Number(Min)).Append(" · max ").Append(Html.Number(Max))
          .Append(" · mean ").Append(Html.Number(Mean)).Append(" · std ").Append(Html.Number(Std));
        if (NaN > 0) sb.Append(" · ").Append(Html.Count(NaN)).Append(" NaN");
        if (PositiveInfinity > 0) sb.Append(" · ").Append(Html.Count(PositiveInfinity)).Append(" +Inf");
        if (NegativeInfinity > 0) sb.Append(" · ").Append(Html.Count(NegativeInfinity)).Append(" -Inf");
        return sb.ToString();
    }
}
