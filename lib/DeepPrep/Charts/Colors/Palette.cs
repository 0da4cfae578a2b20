namespace DeepPrep.Charts;

/// <summary>
/// Colours for series and classes: trace k gets <c>Palette.Color(k)</c> unless you pass a colour.
/// </summary>
/// <remarks>
/// The order follows the Okabe–Ito set, chosen to stay distinguishable for the common forms of colour
/// blindness and in greyscale print. Its yellow is too light for thin lines on white, so it is left out
/// and a dark grey and a brown take the last places.
/// </remarks>
public static class Palette
{
    private static readonly Rgb[] Colors =
    [
        "#0072b2", // blue
        "#d55e00", // vermillion
        "#009e73", // bluish green
        "#cc79a7", // reddish purple
        "#e69f00", // orange
        "#56b4e9", // sky blue
        "#4d4d4d", // dark grey
        "#8c564b", // brown
    ];

    /// <summary>Number of distinct colours before they repeat.</summary>
    public static int Count => Colors.Length;

    /// <summary>The colour of series (or class) <paramref name="index"/>; repeats after <see cref="Count"/>.</summary>
    public static Rgb Color(int index) => Colors[((index % Colors.Length) + Colors.Length) % Colors.Length];

    /// <summary>Axis lines, tick labels and text.</summary>
    internal static readonly Rgb Ink = "#333333";
    /// <summary>Grid lines: light enough to recede behind the data.</summary>
    internal static readonly Rgb Grid = "#e5e5e5";
    /// <summary>Captions, notes and reference lines.</summary>
    internal static readonly Rgb Muted = "#666666";
}
