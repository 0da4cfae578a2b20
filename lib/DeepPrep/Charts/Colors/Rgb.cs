using System.Globalization;

namespace DeepPrep.Charts;

/// <summary>An opaque colour, 8 bits per channel, written as "#rrggbb" in SVG and plotly JSON alike.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Parses "#rrggbb" (or "rrggbb").</summary>
    public static Rgb Parse(string hex)
    {
        var s = hex.TrimStart('#');
        if (s.Length != 6 || !int.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
            throw new ArgumentException($"Colour must look like \"#1f77b4\", got \"{hex}\".");
        return new Rgb((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    public static implicit operator Rgb(string hex) => Parse(hex);

    /// <summary>Straight-line mix in RGB: t = 0 gives this colour, t = 1 gives <paramref name="other"/>.</summary>
    public Rgb Mix(Rgb other, double t) => new(
        (byte)Math.Round(R + (other.R - R) * t),
        (byte)Math.Round(G + (other.G - G) * t),
        (byte)Math.Round(B + (other.B - B) * t));

    /// <summary>A pale version for filled areas (decision regions): mixed toward white.</summary>
    public Rgb Tint(double towardWhite) => Mix(new Rgb(255, 255, 255), towardWhite);

    public string Hex => $"#{R:x2}{G:x2}{B:x2}";

    /// <summary>"rgba(r,g,b,a)", for plotly's fill colours with transparency.</summary>
    public string Rgba(double alpha) =>
        string.Create(CultureInfo.InvariantCulture, $"rgba({R},{G},{B},{alpha:0.###})");

    public override string ToString() => Hex;
}
