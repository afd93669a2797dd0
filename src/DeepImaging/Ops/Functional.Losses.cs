using System.Globalization;

namespace DeepImaging;

// Losses: each returns the mean over its elements (PyTorch's reduction='mean') as a 0-dimensional tensor.
// The forward pass sums in double; the backward pass is written out next to it.
public static partial class Functional
{
    /// <summary>
    /// Mean squared error, mean((input - target)²), like PyTorch's <c>F.mse_loss</c>. Input and target must have the
    /// same shape. Gradients: dL/dinput = 2 (input - target) / n, dL/dtarget = -2 (input - target) / n.
    /// </summary>
    public static Tensor MseLoss(Tensor input, Tensor target)
    {
        CheckLossInputs(input, target, "MseLoss");
        int n = input.Count;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double d = input.data[i] - (double)target.data[i];
            sum += d * d;
        }
        var loss = CheckedLoss((float)(sum / n), "MseLoss", input, target);
        return Tensor.Record([loss], [], "MseLoss", [input, target], g =>
        {
            float scale = 2f * g.data[0] / n;
            var dInput = new float[n];
            for (int i = 0; i < n; i++) dInput[i] = scale * (input.data[i] - target.data[i]);
            input.AccumulateGrad(new Tensor(dInput, input.shape));
            target.AccumulateGrad(-new Tensor(dInput, target.shape));
        });
    }

    /// <summary>
    /// Binary cross-entropy on raw scores (logits), like PyTorch's <c>F.binary_cross_entropy_with_logits</c>:
    /// mean of -[y log σ(x) + (1 - y) log(1 - σ(x))], computed stably as max(x, 0) - x·y + log(1 + e^-|x|), so large
    /// scores never overflow. Targets are probabilities (usually 0 or 1) of the same shape.
    /// Gradients: dL/dx = (σ(x) - y) / n, dL/dy = -x / n.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target)
    {
        CheckLossInputs(logits, target, "BceWithLogitsLoss");
        int n = logits.Count;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double x = logits.data[i], y = target.data[i];
            sum += Math.Max(x, 0) - x * y + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        }
        var loss = CheckedLoss((float)(sum / n), "BceWithLogitsLoss", logits, target);
        return Tensor.Record([loss], [], "BceWithLogitsLoss", [logits, target], g =>
        {
            float scale = g.data[0] / n;
            var dLogits = new float[n];
            var dTarget = new float[n];
            for (int i = 0; i < n; i++)
            {
                dLogits[i] = scale * (StableSigmoid(logits.data[i]) - target.data[i]);
                dTarget[i] = -scale * logits.data[i];
            }
            logits.AccumulateGrad(new Tensor(dLogits, logits.shape));
            target.AccumulateGrad(new Tensor(dTarget, target.shape));
        });
    }

    /// <summary>
    /// Cross-entropy from raw scores, like PyTorch's <c>F.cross_entropy</c>: logits [N, C] (one row of class scores
    /// per sample), target [N] holding class indices 0..C-1 as floats. L = mean over rows of -log softmax(x)[label]
    /// (a stable log-softmax is applied here, so do not put a Softmax layer before it).
    /// Gradient: dL/dx = (softmax(x) - onehot(label)) / N.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (logits.Rank != 2)
            throw new ArgumentException($"CrossEntropyLoss: logits must be [N, C] (one row of class scores per sample); got shape {logits.ShapeString}.", nameof(logits));
        int rows = logits.shape[0], classes = logits.shape[1];
        if (target.Rank != 1 || target.shape[0] != rows)
            throw new ArgumentException($"CrossEntropyLoss: target must be [N] = [{rows}] with one class index per row of the logits {logits.ShapeString}; got shape {target.ShapeString}.", nameof(target));
        if (rows == 0 || classes == 0)
            throw new ArgumentException($"CrossEntropyLoss: logits {logits.ShapeString} are empty; the mean over no samples is undefined.", nameof(logits));
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            float label = target.data[r];
            if (label != MathF.Floor(label))
                throw new ArgumentException($"CrossEntropyLoss: label {Tensor.Num(label)} at row {r} is not a whole number; targets are class indices 0..{classes - 1}.", nameof(target));
            if (label < 0 || label >= classes)
                throw new ArgumentException($"CrossEntropyLoss: label {Tensor.Num(label)} at row {r} is out of range for {classes} classes (0..{classes - 1}).", nameof(target));
            labels[r] = (int)label;
        }

        // Forward, per row: -log softmax(x)[label] = log Σ e^x - x[label]; the softmax is kept for the backward pass.
        var softmax = new float[logits.Count];
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            var lse = LogSumExp.Of(logits.data, r * classes, classes, 1);
            for (int c = 0; c < classes; c++) softmax[r * classes + c] = lse.Softmax(logits.data[r * classes + c]);
            sum += lse.Value - logits.data[r * classes + labels[r]];
        }
        var loss = CheckedLoss((float)(sum / rows), "CrossEntropyLoss", logits, target);
        return Tensor.Record([loss], [], "CrossEntropyLoss", [logits], g =>
        {
            float scale = g.data[0] / rows;
            var dLogits = new float[softmax.Length];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < classes; c++)
                    dLogits[r * classes + c] = scale * (softmax[r * classes + c] - (c == labels[r] ? 1f : 0f));
            logits.AccumulateGrad(new Tensor(dLogits, logits.shape));
        });
    }

    private static void CheckLossInputs(Tensor input, Tensor target, string loss)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (!Shapes.SameShape(input.shape, target.shape))
            throw new ArgumentException($"{loss}: input {input.ShapeString} and target {target.ShapeString} must have the same shape (one target per output value).", nameof(target));
        if (input.Count == 0)
            throw new ArgumentException($"{loss}: input {input.ShapeString} is empty; the mean over no values is undefined.", nameof(input));
    }

    /// <summary>Stops training as soon as the loss stops being a number, saying where the bad values are.</summary>
    private static float CheckedLoss(float loss, string name, Tensor input, Tensor target)
    {
        if (float.IsFinite(loss)) return loss;
        string what = float.IsNaN(loss) ? "NaN" : "infinite";
        throw new InvalidOperationException(
            $"{name}: the loss became {what}. The model output (loss input) {NonFinite(input)}; the target {NonFinite(target)}. " +
            "If the inputs are fine, training diverged: lower the learning rate (or normalise the inputs); otherwise check the data for NaN or infinite values.");
    }

    private static string NonFinite(Tensor t)
    {
        int count = 0, first = -1;
        for (int i = 0; i < t.Count; i++)
            if (!float.IsFinite(t.data[i]))
            {
                count++;
                if (first < 0) first = i;
            }
        return count == 0
            ? "has no NaN or infinite values"
            : $"has {count.ToString(CultureInfo.InvariantCulture)} NaN or infinite value(s), the first at flat index {first.ToString(CultureInfo.InvariantCulture)} (value {Tensor.Num(t.data[first])})";
    }
}
