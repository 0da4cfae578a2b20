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
        p[0] = 1;
        if (maxDegree >= 1) p[1] = t;
        for (int k = 1; k < maxDegree; k++)
            p[k + 1] = ((2 * k + 1) * t * p[k] - k * p[k - 1]) / (k + 1);
        return p;
    }

    /// <summary>
    /// The design matrix of a degree-d polynomial fit, [n, d + 1]: row i holds P₀, …, P_d at x_i, after mapping
    /// [<paramref name="low"/>, <paramref name="high"/>] onto [−1, 1].
    /// </summary>
    public static double[,] Design(IReadOnlyList<double> x, int degree, double low = -1, double high = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckInterval(low, high);
        var design = new double[x.Count, degree + 1];
        for (int i = 0; i < x.Count; i++)
        {
            var row = Values(ToUnit(x[i], low, high), degree);
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
    public double Evaluate(double x)
    {
        var p = Legendre.Values(Legendre.ToUnit(x, Low, High), Degree);
        double sum = 0;
        for (int k = 0; k < coefficients.Length; k++) sum += coefficients[k] * p[k];
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
