namespace DeepPrep.Charts;

/// <summary>
/// One position of a sweep's slider: the traces to show when the slider is at <see cref="Label"/>
/// (e.g. "η = 0.1"), one list per subplot. Made by <see cref="Chart.Sweep"/>.
/// </summary>
public sealed class Frame
{
    internal Frame(string label, string? title, List<List<Trace>> traces)
    {
        Label = label;
        Title = title;
        Traces = traces;
    }

    /// <summary>The slider's label for this frame.</summary>
    public string Label { get; }

    /// <summary>The figure title while this frame shows (null: the figure's title).</summary>
    public string? Title { get; }

    /// <summary>Traces per subplot, in the same order and of the same kinds as in every other frame.</summary>
    public IReadOnlyList<List<Trace>> Traces { get; }
}
