namespace DeepPrep.Charts.Rendering;

/// <summary>
/// Estimates how wide a line of text will be, so the layout can leave room for tick labels and legends
/// and can thin out ticks whose labels would overlap.
/// </summary>
/// <remarks>
/// The SVG must not load fonts, so the browser picks DejaVu Sans, Arial or Helvetica, whichever it has.
/// The widths below are DejaVu Sans advance widths (in em), the widest of the three: an estimate that is
/// a little too generous leaves a few spare pixels; one that is too small makes labels collide.
/// </remarks>
internal static class TextMetrics
{
    /// <summary>The font stack every SVG text element inherits.</summary>
    public const string FontFamily = "'DejaVu Sans', Arial, Helvetica, sans-serif";

    /// <summary>
    /// How much wider bold text is than regular, in the font stack above. Measured in headless Chromium with
    /// DejaVu Sans Bold against DejaVu Sans (getBBox of the same title at 16 px, bold over regular): 1.120–1.135
    /// over typical chart titles and the alphabet; the upper end, so a centred bold title is never wider
    /// than the room we think it needs. The test Bold_factor_matches_the_browser re-measures it.
    /// </summary>
    public const double BoldFactor = 1.135;

    /// <summary>Width in pixels of the widest line of <paramref name="text"/> set in bold (titles).</summary>
    public static double BoldWidth(string text, double fontSize) => Width(text, fontSize) * BoldFactor;

    /// <summary>Width in pixels of the widest line of <paramref name="text"/>.</summary>
    public static double Width(string text, double fontSize)
    {
        double widest = 0, em = 0;
        foreach (char c in text)
        {
            if (c == '\n') { widest = Math.Max(widest, em); em = 0; continue; }
            em += CharWidth(c);
        }
        return Math.Max(widest, em) * fontSize;
    }

    private static double CharWidth(char c) => c switch
    {
        >= '0' and <= '9' => 0.636,
        ' ' => 0.318,
        '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.318,
        'i' or 'j' or 'l' => 0.278,
        'f' or 't' or 'r' or 'I' => 0.40,
        'm' or 'w' or 'M' or 'W' => 0.90,
        '-' => 0.361,
        '(' or ')' or '[' or ']' or '/' => 0.39,
        '−' or '×' or '=' or '+' or '±' or '<' or '>' => 0.838,
        >= 'a' and <= 'z' => 0.61,
        >= 'A' and <= 'Z' => 0.72,
        '⁰' or '¹' or '²' or '³' or '⁴' or '⁵' or '⁶' or '⁷' or '⁸' or '⁹' or '⁻' => 0.42,
        _ => 0.70,
    };
}
