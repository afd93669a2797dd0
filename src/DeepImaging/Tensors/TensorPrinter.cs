using System.Globalization;
using System.Text;

namespace DeepImaging;

/// <summary>Formats tensors the way PyTorch prints them, so output in the notebooks reads like the PyTorch students will meet later.</summary>
internal static class TensorPrinter
{
    private const int SummaryThreshold = 1000; // more elements than this are summarised with "..."
    private const int EdgeItems = 3;

    public static string Print(Tensor t)
    {
        var values = t.data;
        var finite = values.Where(float.IsFinite).ToArray();
        bool integral = finite.All(v => v == MathF.Round(v));
        float maxAbs = finite.Length == 0 ? 0 : finite.Max(MathF.Abs);
        float minAbs = finite.Where(v => v != 0).Select(MathF.Abs).DefaultIfEmpty(0).Min();
        bool scientific = !integral && (maxAbs >= 1e8f || (minAbs > 0 && minAbs < 1e-4f) || (minAbs > 0 && maxAbs / minAbs > 1000));
        string Format(float v)
        {
            if (float.IsNaN(v)) return "nan";
            if (float.IsPositiveInfinity(v)) return "inf";
            if (float.IsNegativeInfinity(v)) return "-inf";
            if (integral) return v.ToString("0", CultureInfo.InvariantCulture) + ".";
            return scientific ? v.ToString("0.0000e+00", CultureInfo.InvariantCulture) : v.ToString("0.0000", CultureInfo.InvariantCulture);
        }

        bool summarise = values.Length > SummaryThreshold;
        // Like PyTorch, only finite values set the column width.
        int width = finite.Length == 0 ? 1 : finite.Select(Format).Max(s => s.Length);
        var sb = new StringBuilder("tensor(");
        if (t.Rank == 0)
            sb.Append(Format(values[0]));
        else
            Append(sb, t, 0, 0, summarise, width, Format);
        if (t.Operation is not null && t.RequiresGrad) sb.Append($", grad_fn=<{t.Operation}Backward>");
        else if (t.RequiresGrad) sb.Append(", requires_grad=True");
        return sb.Append(')').ToString();
    }

    private static void Append(StringBuilder sb, Tensor t, int dim, int offset, bool summarise, int width, Func<float, string> format)
    {
        int n = t.shape[dim];
        int stride = Shapes.Count(t.shape[(dim + 1)..]);
        var shown = summarise && n > 2 * EdgeItems
            ? Enumerable.Range(0, EdgeItems).Concat([-1]).Concat(Enumerable.Range(n - EdgeItems, EdgeItems)).ToArray()
            : Enumerable.Range(0, n).ToArray();
        sb.Append('[');
        for (int j = 0; j < shown.Length; j++)
        {
            if (j > 0)
            {
                sb.Append(',');
                if (dim == t.Rank - 1) sb.Append(' ');
                else sb.Append('\n', t.Rank - 1 - dim).Append(' ', "tensor(".Length + dim + 1);
            }
            if (shown[j] < 0) { sb.Append("..."); continue; }
            if (dim == t.Rank - 1) sb.Append(format(t.data[offset + shown[j]]).PadLeft(width));
            else Append(sb, t, dim + 1, offset + shown[j] * stride, summarise, width, format);
        }
        sb.Append(']');
    }
}
