using System.Runtime.CompilerServices;

namespace DeepPrep.LinearAlgebra;

/// <summary>
/// Legendre polynomials P₀, P₁, … on [−1, 1], and least-squares polynomial fits written in that basis.
/// P₀ = 1, P₁ = t, and Bonnet's recurrence (k+1)·P_{k+1}(t) = (2k+1)·t·P_k(t) − k·P_{k−1}(t)
/// (so P₂ = (3t² − 1)/2, P₃ = (5t³ − 3t)/2). They are orthogonal: ∫₋₁¹ P_m P_k dt = 2/(2k+1) if m = k, else 0.
/// </summary>
/// <remarks>
/// Why not fit a·1 + b·x + c·x² + …? Any polynomial of degree d can be written in either basis, so the fitted curve
/// is the same; only the arithmetic differs. The monomial columns 1, x, …, x⁹ sampled on an interval are nearly
/// parallel (the design matrix has cond ≈ 1e7 and up), while Legendre columns on evenly spread points are close to
/// orthogonal (cond ≈ 10–100), so the least-squares solve keeps almost all of float64's digits.
/// Inputs on another interval [low, high] are mapped to t = 2(x − low)/(high − low) − 1 first.
/// </remarks>
public static class Legendre
{
    /// <summary>P_k(t) for one degree k ≥ 0, by the recurrence.</summary>
    public static double P(int degree, double t) => Values(t, degree)[degree];

    /// <summary>The values P₀(t), P₁(t), …, P_d(t), d = <paramref name="maxDegree"/> (an array of d + 1).</summary>
    public static double[] Values(double t, int maxDegree)
    {
        if (maxDegree < 0) throw new ArgumentOutOfRangeException(nameof(maxDegree), maxDegree, "Legendre: the degree must be 0 or more.");
        var p = new double[maxDegree + 1];
        Values(t, p);
        return p;
    }

    /// <summary>Writes P₀(t), …, P_d(t) into <paramref name="destination"/> (length d + 1), without allocating.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot: optimised from the first call, not after tiering up
    public static void Values(double t, Span<double> destination)
    {
        if (destination.Length == 0) return;
        destination[0] = 1;
        if (destination.Length > 1) destination[1] = t;
        for (int k = 1; k + 1 < destination.Length; k++)
            destination[k + 1] = ((2 * k + 1) * t * destination[k] - k * destination[k - 1]) / (k + 1);
    }

    /// <summary>
    /// The design matrix of a degree-d polynomial fit, [n, d + 1]: row i holds P₀, …, P_d at x_i, after mapping
    /// [<paramref name="low"/>, <paramref name="high"/>] onto [−1, 1].
    /// </summary>
    public static double[,] Design(IReadOnlyList<double> x, int degree, double low = -1, double high = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckInterval(low, high);
        if (degree < 0) throw new ArgumentOutOfRangeException(nameof(degree), degree, "Legendre: the degree must be 0 or more.");
        var design = new double[x.Count, degree + 1];
        var row = new double[degree + 1];
        for (int i = 0; i < x.Count; i++)
        {
            Values(ToUnit(x[i], low, high), row);
            for (int k = 0; k <= degree; k++) design[i, k] = row[k];
        }
        return design;
    }

    /// <summary>
    /// The least-squares polynomial of degree d through the points (x_i, y_i): minimises Σ (p(x_i) − y_i)²
    /// over all polynomials p of degree ≤ d, solved by QR (<see cref="LeastSquares"/>) in the Legendre basis of
    /// [<paramref name="low"/>, <paramref name="high"/>]. Needs at least d + 1 distinct x values.
    /// </summary>
    public static LegendreSeries Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, int degree, double low = -1, double high = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"Legendre.Fit: {x.Count} x values but {y.Count} y values.");
        var coefficients = LeastSquares.Solve(Design(x, degree, low, high), y.ToArray());
        return new LegendreSeries(coefficients, low, high);
    }

    internal static double ToUnit(double x, double low, double high) => 2 * (x - low) / (high - low) - 1;

    internal static void CheckInterval(double low, double high)
    {
        if (!(high > low)) throw new ArgumentException($"Legendre: need low < high, got [{low}, {high}].");
    }
}

/// <summary>
/// A polynomial written as p(x) = Σ_k c_k·P_k(t), t = 2(x − low)/(high − low) − 1: the result of
/// <see cref="Legendre.Fit"/>. Evaluate it at any x (outside [low, high] it extrapolates, usually wildly).
/// </summary>
public sealed class LegendreSeries
{
    private readonly double[] coefficients;

    /// <summary>Makes the series Σ c_k·P_k on [low, high] (the coefficients are copied).</summary>
    public LegendreSeries(IReadOnlyList<double> coefficients, double low = -1, double high = 1)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count == 0) throw new ArgumentException("LegendreSeries: at least one coefficient is needed.");
        Legendre.CheckInterval(low, high);
        this.coefficients = coefficients.ToArray();
        (Low, High) = (low, high);
    }

    /// <summary>c₀, c₁, …, c_d: the weight of each Legendre polynomial.</summary>
    public IReadOnlyList<double> Coefficients => coefficients;

    /// <summary>The polynomial's degree d (the number of coefficients minus one).</summary>
    public int Degree => coefficients.Length - 1;

    /// <summary>The interval mapped onto [−1, 1].</summary>
    public double Low { get; }

    /// <summary>The interval mapped onto [−1, 1].</summary>
    public double High { get; }

    /// <summary>p(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot: called for every point of every curve
    public double Evaluate(double x)
    {
        // Run Bonnet's recurrence and add c_k·P_k(t) as each P_k appears: no array needed.
        double t = Legendre.ToUnit(x, Low, High);
        double previous = 1, current = t;                   // P₀, P₁
        double sum = coefficients[0];
        if (coefficients.Length > 1) sum += coefficients[1] * t;
        for (int k = 1; k + 1 < coefficients.Length; k++)
        {
            double next = ((2 * k + 1) * t * current - k * previous) / (k + 1);
            sum += coefficients[k + 1] * next;
            (previous, current) = (current, next);
        }
        return sum;
    }

    /// <summary>p(x) at each x.</summary>
    public double[] Evaluate(IReadOnlyList<double> xs)
    {
        ArgumentNullException.ThrowIfNull(xs);
        var y = new double[xs.Count];
        for (int i = 0; i < y.Length; i++) y[i] = Evaluate(xs[i]);
        return y;
    }

    public override string ToString() => $"LegendreSeries(degree {Degree} on [{Low}, {High}])";
}
