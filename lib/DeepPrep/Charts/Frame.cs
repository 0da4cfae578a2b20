namespace DeepPrep.Charts;

/// <summary>
/// One position of a sweep's slider: the traces to show when the slider is at <see cref="Label"/>
/// (e.g. "η = 0.1"), one list per subplot. Made by <see cref="Chart.Sweep"/>.
/// </summary>
public sealed class Frame
{
    internal Frame(string label, string? title, List<List<Trace>> traces, IReadOnlyList<string?>? panelTitles = null)
    {
        Label = label;
        Title = title;
        Traces = traces;
        PanelTitles = panelTitles ?? traces.Select(_ => (string?)null).ToList();
    }

    /// <summary>The slider's label for this frame.</summary>
    public string Label { get; }

    /// <summary>The figure title while this frame shows (null: the figure's title).</summary>
    public string? Title { get; }

    /// <summary>
    /// The panel titles while this frame shows, one per subplot (a sweep over a grid: "layer 3, η = 0.1").
    /// Null entries show no title.
    /// </summary>
    public IReadOnlyList<string?> PanelTitles { get; }

    /// <summary>Traces per subplot, in the same order and of the same kinds as in every other frame.</summary>
    public IReadOnlyList<List<Trace>> Traces { get; }
}
