namespace DeepPrep.Charts;

/// <summary>
/// Maps a number in [0, 1] to a colour, for heatmaps, contour lines and images. The same control points
/// are sent to plotly as its <c>colorscale</c>, so the static SVG and the interactive chart agree.
/// </summary>
public sealed class ColorMap
{
    private readonly (double At, Rgb Color)[] stops;

    /// <summary>A colour map through the given (position, colour) points; positions run from 0 to 1.</summary>
    public ColorMap(string name, params (double At, Rgb Color)[] stops)
    {
        if (stops.Length < 2 || stops[0].At != 0 || stops[^1].At != 1)
            throw new ArgumentException("A colour map needs at least two stops, the first at 0 and the last at 1.");
        Name = name;
        this.stops = stops;
    }

    public string Name { get; }

    internal IReadOnlyList<(double At, Rgb Color)> Stops => stops;

    /// <summary>Perceptually uniform dark blue → green → yellow; the default for values of one sign.</summary>
    public static ColorMap Viridis { get; } = new("viridis",
        (0.0, "#440154"), (0.111, "#482878"), (0.222, "#3e4a89"), (0.333, "#31688e"), (0.444, "#26828e"),
        (0.556, "#1f9e89"), (0.667, "#35b779"), (0.778, "#6dcd59"), (0.889, "#b4de2c"), (1.0, "#fde725"));

    /// <summary>Blue (negative) → white (zero) → red (positive); the default for signed values such as weights.</summary>
    public static ColorMap Diverging { get; } = new("diverging",
        (0.0, "#2166ac"), (0.25, "#67a9cf"), (0.5, "#f7f7f7"), (0.75, "#ef8a62"), (1.0, "#b2182b"));

    /// <summary>White → black: "ink on paper", for digits and other greyscale images.</summary>
    public static ColorMap Greys { get; } = new("greys", (0.0, "#ffffff"), (1.0, "#000000"));

    /// <summary>Black → white: for images stored as brightness (Fashion-MNIST looks right this way).</summary>
    public static ColorMap Grey { get; } = new("grey", (0.0, "#000000"), (1.0, "#ffffff"));

    /// <summary>The colour at t (clamped to [0, 1]), interpolated linearly between the two nearest stops.</summary>
    public Rgb At(double t)
    {
        if (double.IsNaN(t)) t = 0;
        t = Math.Clamp(t, 0, 1);
        for (int i = 1; i < stops.Length; i++)
        {
            if (t <= stops[i].At)
            {
                var (a, b) = (stops[i - 1], stops[i]);
                double span = b.At - a.At;
                return span <= 0 ? b.Color : a.Color.Mix(b.Color, (t - a.At) / span);
            }
        }
        return stops[^1].Color;
    }

    public override string ToString() => Name;
}
