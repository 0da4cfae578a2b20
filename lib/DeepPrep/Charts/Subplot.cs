namespace DeepPrep.Charts;

/// <summary>
/// One panel of a figure: its traces, axes, reference lines and notes. A figure made by <see cref="Chart"/>
/// has one panel; <see cref="Chart.Grid(Figure[])"/> puts several side by side.
/// </summary>
public sealed class Subplot
{
    /// <summary>Shown above the panel when the figure has several.</summary>
    public string? Title { get; set; }

    public Axis X { get; } = new();
    public Axis Y { get; } = new();

    /// <summary>The series drawn in this panel, first drawn first (so the last is on top).</summary>
    public List<Trace> Traces { get; } = [];

    public List<ReferenceLine> Lines { get; } = [];
    public List<TextNote> Notes { get; } = [];

    /// <summary>One unit on x is as long as one unit on y (phase portraits, contour plots, images).</summary>
    public bool EqualAspect { get; set; }

    internal Subplot CloneLayout()
    {
        var copy = new Subplot { Title = Title, EqualAspect = EqualAspect };
        CopyAxis(X, copy.X);
        CopyAxis(Y, copy.Y);
        copy.Lines.AddRange(Lines);
        copy.Notes.AddRange(Notes);
        return copy;
    }

    private static void CopyAxis(Axis from, Axis to)
    {
        var c = from.Clone();
        (to.Title, to.Log, to.Min, to.Max, to.Reversed, to.Visible, to.Categories) = (c.Title, c.Log, c.Min, c.Max, c.Reversed, c.Visible, c.Categories);
    }
}
