namespace DeepPrep.Charts;

/// <summary>
/// One axis of a plot: its title, linear or log scale, and optionally a fixed range. Unset ranges are
/// computed from the data (over all frames of a sweep, so the axes stay still while the slider moves).
/// </summary>
public sealed class Axis
{
    /// <summary>Text under the x axis or beside the y axis. Say the unit: "epoch", "learning rate η", "loss (log)".</summary>
    public string? Title { get; set; }

    /// <summary>Log scale (base 10): equal distances are equal ratios. Values ≤ 0 cannot be shown and are skipped.</summary>
    public bool Log { get; set; }

    /// <summary>Lower end of the visible range, in data units (null: from the data).</summary>
    public double? Min { get; set; }

    /// <summary>Upper end of the visible range, in data units (null: from the data).</summary>
    public double? Max { get; set; }

    /// <summary>Larger values toward the left (x) or the top (y); matrices and images use a reversed y.</summary>
    public bool Reversed { get; set; }

    /// <summary>Draw the axis line, ticks and labels (images hide them).</summary>
    public bool Visible { get; set; } = true;

    /// <summary>Category names for bar charts; set by bar traces, null for numeric axes.</summary>
    internal List<string>? Categories { get; set; }

    internal Axis Clone() => new()
    {
        Title = Title, Log = Log, Min = Min, Max = Max, Reversed = Reversed, Visible = Visible,
        Categories = Categories?.ToList(),
    };
}
