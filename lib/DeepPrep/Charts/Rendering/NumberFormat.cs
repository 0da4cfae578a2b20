using System.Globalization;
using System.Text;

namespace DeepPrep.Charts.Rendering;

/// <summary>
/// Turns numbers into tick labels and SVG coordinates. Always the invariant culture: a learner whose PC
/// writes 0,5 must still get "0.5" in an SVG path, or the path is broken.
/// </summary>
internal static class NumberFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>An SVG coordinate: two decimals are finer than a pixel and keep files small.</summary>
    public static string Coord(double v) => Math.Round(v, 2).ToString("0.##", Invariant);

    /// <summary>A number for JSON-like places and captions: up to 4 significant digits ("0.001", "1234", "1.5e-07").</summary>
    public static string Short(double v) => v.ToString("G4", Invariant).Replace("E", "e");

    /// <summary>
    /// A label for a tick at <paramref name="value"/> on a linear axis whose ticks are <paramref name="step"/> apart:
    /// as many decimals as the step needs and no more ("0.5", "1", "1.5"); powers of ten for very large or small values.
    /// </summary>
    public static string LinearTick(double value, double step)
    {
        if (Math.Abs(value) < step * 1e-9) value = 0; // -0 and 1e-17 from accumulated rounding
        double magnitude = Math.Max(Math.Abs(value), step);
        if (magnitude >= 1e6 || step < 1e-4) return Scientific(value, step);
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        return Minus(value.ToString("F" + decimals, Invariant));
    }

    /// <summary>
    /// A label for a tick at <paramref name="value"/> on a log axis: plain ("0.01" … "1000") or as a power
    /// ("10⁻⁵", "2×10⁶"). One axis uses one style (<paramref name="power"/>), so "10⁻⁴" never sits next to "0.001".
    /// </summary>
    public static string LogTick(double value, bool power)
    {
        int exponent = (int)Math.Floor(Math.Log10(value) + 1e-9);
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 6);
        if (!power) return value.ToString("0.####", Invariant);
        string tenTo = "10" + Superscript(exponent);
        return mantissa == 1 ? tenTo : mantissa.ToString("0.##", Invariant) + "×" + tenTo;
    }

    private static string Scientific(double value, double step)
    {
        if (value == 0) return "0";
        int exponent = (int)Math.Floor(Math.Log10(Math.Max(Math.Abs(value), step)) + 1e-9);
        double scale = Math.Pow(10, exponent);
        int decimals = Math.Max(0, exponent - (int)Math.Floor(Math.Log10(step) + 1e-9));
        string mantissa = Minus((value / scale).ToString("F" + Math.Min(decimals, 6), Invariant));
        return mantissa + "×10" + Superscript(exponent);
    }

    /// <summary>Superscript digits: 10⁻³ reads as a power without needing tspans or a math font.</summary>
    public static string Superscript(int n)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var sb = new StringBuilder();
        if (n < 0) sb.Append('⁻');
        foreach (char c in Math.Abs(n).ToString(Invariant)) sb.Append(digits[c - '0']);
        return sb.ToString();
    }

    /// <summary>A typographic minus sign (U+2212): as wide as a plus, easier to read than a hyphen.</summary>
    private static string Minus(string s) => s.StartsWith('-') ? "−" + s[1..] : s;
}
