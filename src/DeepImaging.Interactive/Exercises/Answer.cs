using System.Globalization;

namespace DeepImaging.Interactive.Exercises;

/// <summary>
/// A student's answer to a practice exercise: any number, whatever its C# type. The notebooks declare
/// <c>Answer answer11 = null;</c>, which then accepts <c>2</c>, <c>2.1</c>, <c>2.1f</c>, <c>2.1m</c> or a computed
/// <c>long</c> alike (a <c>float?</c> would refuse the literal <c>2.1</c>, which is a <c>double</c>).
/// </summary>
public sealed class Answer
{
    private readonly string text;

    private Answer(double value, string text)
    {
        Value = value;
        this.text = text;
    }

    /// <summary>The number, as a double (exact for every whole number up to 2⁵³).</summary>
    public double Value { get; }

    /// <summary>A whole number (an <c>int</c> converts through this one).</summary>
    public static implicit operator Answer(long value) => new(value, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A float, shown as written (2.1f is shown as 2.1, not as the double 2.0999999).</summary>
    public static implicit operator Answer(float value) => new(value, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A double.</summary>
    public static implicit operator Answer(double value) => new(value, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A decimal.</summary>
    public static implicit operator Answer(decimal value) => new((double)value, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The answer as the student gave it.</summary>
    public override string ToString() => text;
}
