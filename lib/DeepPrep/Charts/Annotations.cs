namespace DeepPrep.Charts;

/// <summary>
/// A horizontal or vertical reference line across a plot, with an optional label: a threshold, a target,
/// a theoretical limit ("η = 2/L"), the chance level of a classifier.
/// </summary>
public sealed record ReferenceLine(bool Horizontal, double Value, string? Label = null, Rgb? Color = null, bool Dashed = true);

/// <summary>A text label centred at a point given in data units, e.g. "update/data = 1e-3" next to a curve.</summary>
public sealed record TextNote(double X, double Y, string Text, Rgb? Color = null)
{
    public double FontSize { get; init; } = 12;
}
