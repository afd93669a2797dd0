using System.Globalization;

namespace DeepImaging.NN;

/// <summary>
/// Dropout, like PyTorch's <c>nn.Dropout</c>: while training, each value is set to 0 with probability p and the
/// survivors are scaled by 1/(1 - p), so the expected value is unchanged; in evaluation mode (<see cref="Module.Eval"/>)
/// the input passes through untouched. The random choices come from a generator seeded with the given seed (without one, from the library-wide generator).
/// </summary>
public sealed class Dropout : Module
{
    private readonly Generator generator;

    /// <summary>Creates the layer dropping each value with probability <paramref name="p"/> (0 to 1).</summary>
    public Dropout(float p = 0.5f, int? seed = null)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), $"Dropout: p must be a probability between 0 and 1, got {p.ToString(CultureInfo.InvariantCulture)}.");
        P = p;
        generator = Generator.SeededOrNext(seed);
    }

    /// <summary>The probability of dropping a value.</summary>
    public float P { get; }

    /// <summary>
    /// Forward: y = x · mask, mask = 0 (probability p) or 1/(1 - p). The backward pass is that of the product:
    /// dL/dx = dL/dy · mask, so dropped values get no gradient.
    /// </summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsTraining || P == 0) return input;
        float keep = P == 1 ? 0f : 1f / (1f - P);
        var mask = new float[input.Count];
        for (int i = 0; i < mask.Length; i++) mask[i] = generator.NextFloat() < P ? 0f : keep;
        return input * Tensor.From(mask, input.shape);
    }


    /// <summary>Like PyTorch: <c>Dropout(p=0.5)</c>.</summary>
    public override string ToString() => $"Dropout(p={P.ToString(CultureInfo.InvariantCulture)})";
}
