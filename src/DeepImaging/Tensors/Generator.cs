namespace DeepImaging;

/// <summary>
/// A seeded random-number generator whose sequence is the same on every machine and .NET version
/// (xoshiro256** seeded by SplitMix64; normal values by the polar method using only exactly
/// rounded arithmetic), so a seed fixes initial weights, shuffles and splits everywhere.
/// </summary>
public sealed class Generator
{
    private ulong s0, s1, s2, s3;
    private double? spareNormal;

    /// <summary>Creates a generator from a seed; equal seeds give equal sequences.</summary>
    public Generator(ulong seed)
    {
        Seed = seed;
        ulong x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>The seed this generator started from.</summary>
    public ulong Seed { get; }

    // The library-wide generator that layers made without an explicit seed draw their own seeds from, so that two
    // such layers get different weights (and two Dropout layers different masks), as in PyTorch.
    private static readonly Lock globalLock = new();
    private static Generator global = new(0);

    /// <summary>Reseeds the library-wide generator used by layers created without a seed (PyTorch's <c>torch.manual_seed</c>).</summary>
    public static void ManualSeed(ulong seed)
    {
        lock (globalLock) global = new Generator(seed);
    }

    /// <summary>A generator seeded with <paramref name="seed"/>, or, without one, with the next seed of the library-wide generator.</summary>
    public static Generator SeededOrNext(int? seed)
    {
        if (seed is int given) return new Generator((ulong)given);
        lock (globalLock) return new Generator(global.NextUInt64());
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), $"Generator.NextInt: the upper bound must be positive, got {maxExclusive}.");
        // Rejection sampling avoids the bias of a plain modulo.
        ulong bound = (ulong)maxExclusive;
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>A standard normal value (mean 0, standard deviation 1).</summary>
    public double NextNormal()
    {
        if (spareNormal is double spare)
        {
            spareNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * PortableLog(s) / s);
        spareNormal = v * factor;
        return u * factor;
    }

    /// <summary>A random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        if (n < 0)
            throw new ArgumentOutOfRangeException(nameof(n), $"Generator.Permutation: n must be >= 0, got {n}.");
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    // Math.Log may differ in the last bit between C runtimes; this one uses only +, *, / (exactly
    // rounded everywhere): ln(m * 2^e) = e ln 2 + 2 atanh((m - 1) / (m + 1)) with m in [1, 2).
    private static double PortableLog(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        double z = (m - 1) / (m + 1), z2 = z * z, term = z, sum = 0;
        for (int k = 1; k < 60; k += 2)
        {
            sum += term / k;
            term *= z2;
        }
        return exponent * 0.69314718055994530942 + 2 * sum;
    }
}
