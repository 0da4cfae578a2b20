using System.Xml.Linq;

namespace DeepPrep.Charts.Tests;

/// <summary>Chart.Spread: the median of the runs inside their min–max band, usable on a log axis.</summary>
public class SpreadTests
{
    [Fact]
    public void Median_min_and_max_per_position_for_odd_and_even_run_counts()
    {
        // Three runs: at x=0 the values 1, 100, 10 → median 10; at x=1 the values 5, 2, 3 → median 3.
        var (median, min, max) = Chart.SpreadOf([[1.0, 5], [100.0, 2], [10.0, 3]]);
        Assert.Equal([10.0, 3], median);
        Assert.Equal([1.0, 2], min);
        Assert.Equal([100.0, 5], max);

        // Four runs: the median is the mean of the middle two (2 and 4 → 3).
        var even = Chart.SpreadOf([[1.0], [4.0], [2.0], [8.0]]);
        Assert.Equal(3.0, even.Median[0]);
        Assert.Equal(1.0, even.Min[0]);
        Assert.Equal(8.0, even.Max[0]);
    }

    [Fact]
    public void Non_finite_values_are_skipped_and_an_all_nan_position_is_nan()
    {
        var (median, min, max) = Chart.SpreadOf([[double.NaN, double.NaN], [2.0, double.PositiveInfinity], [6.0, double.NaN]]);
        Assert.Equal(4.0, median[0]);
        Assert.Equal(2.0, min[0]);
        Assert.Equal(6.0, max[0]);
        Assert.True(double.IsNaN(median[1]) && double.IsNaN(min[1]) && double.IsNaN(max[1]));
    }

    [Fact]
    public void Bad_runs_are_refused_with_a_message()
    {
        Assert.Throws<ArgumentException>(() => Chart.SpreadOf([]));
        var e = Assert.Throws<ArgumentException>(() => Chart.SpreadOf([[1.0, 2], [1.0]]));
        Assert.Contains("same number of points", e.Message);
        Assert.Throws<ArgumentException>(() => Chart.Spread([0.0, 1, 2], [[1.0, 2], [3.0, 4]]));   // 3 xs, 2 values per run
    }

    [Fact]
    public void Spread_draws_one_band_and_its_median_line_on_a_log_axis()
    {
        // Gradients per layer over three draws, spanning six orders of magnitude.
        var fig = Chart.Spread([1.0, 2, 3], [[1e-6, 1e-3, 1.0], [2e-6, 2e-3, 3.0], [4e-6, 5e-3, 2.0]], "sigmoid")
                       .AddSpread([1.0, 2, 3], [[1.0, 1, 1], [2.0, 2, 2]], "relu").LogY();
        var band = (BandTrace)fig.Subplots[0].Traces[0];
        Assert.Equal([2e-6, 2e-3, 2.0], band.Center);
        Assert.Equal([1e-6, 1e-3, 1.0], band.Lower);
        Assert.Equal([4e-6, 5e-3, 3.0], band.Upper);
        Assert.Equal("sigmoid", band.Name);
        Assert.Equal(1.5, ((BandTrace)fig.Subplots[0].Traces[1]).Center[0]);

        var doc = XDocument.Parse(fig.ToSvg());
        Assert.Equal(2, doc.Descendants().Count(e => (e.Attribute("class")?.Value ?? "").Split(' ').Contains("band")));
        Assert.Empty(fig.Warnings);   // nothing ≤ 0 was dropped from the log axis
        System.Text.Json.JsonDocument.Parse(fig.ToPlotlyJson()).Dispose();
    }
}
