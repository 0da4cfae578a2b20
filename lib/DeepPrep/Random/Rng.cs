namespace DeepPrep;

/// <summary>
/// A small, fast, reproducible random number generator (xoshiro256**, Blackman and Vigna 2018).
/// </summary>
/// <remarks>
/// We use our own generator rather than <see cref="System.Random"/> because the same seed must
/// give the same numbers on every .NET version and machine: a notebook's claims depend on it.
/// The 64-bit seed is expanded into the 256-bit state with SplitMix64, as the authors recommend.
/// </remarks>
public sealed class Rng
{
    private ulong s0, s1, s2, s3;
    private double? spareNormal; // Box–Muller makes normals in pairs; keep the second one.

    /// <summary>The seed this generator started from.</summary>
    public ulong Seed { get; }

    public Rng(ulong seed)
    {
        Seed = seed;
        ulong x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// A new, independent generator derived from this generator's seed and a purpose name
    /// ("data", "init", "dropout", "shuffle"). Forking does not advance this generator, so
    /// adding a dropout layer never changes the data or the initial weights.
    /// </summary>
    public Rng Fork(string purpose)
    {
        // FNV-1a over the purpose string, mixed with the seed: a stable, well-spread 64-bit value.
        ulong h = 14695981039346656037UL;
        foreach (char ch in purpose) { h ^= ch; h *= 1099511628211UL; }
        ulong x = Seed ^ h;
        return new Rng(SplitMix64(ref x));
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextULong()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [low, high).</summary>
    public double Uniform(double low = 0, double high = 1) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, n), without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "NextInt needs n > 0.");
        ulong m = (ulong)(uint)NextULong() * (ulong)n;
        uint low = (uint)m;
        if (low < (uint)n)
        {
            uint threshold = (uint)(-n) % (uint)n;
            while (low < threshold) { m = (ulong)(uint)NextULong() * (ulong)n; low = (uint)m; }
        }
        return (int)(m >> 32);
    }

    /// <summary>A sample from the normal distribution N(mean, sd²) (Box–Muller transform).</summary>
    public double Normal(double mean = 0, double sd = 1)
    {
        if (spareNormal is double spare) { spareNormal = null; return mean + sd * spare; }
        double u1;
        do { u1 = NextDouble(); } while (u1 <= double.Epsilon);
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        spareNormal = r * Math.Sin(2 * Math.PI * u2);
        return mean + sd * r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>True with probability p.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>A random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle(p);
        return p;
    }

    /// <summary>Shuffles a span in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
