using DeepPrep.Charts.Rendering;

namespace DeepPrep.Charts.Tests;

/// <summary>Tick values and labels on linear and log axes, for given ranges and lengths.</summary>
public class TickTests
{
    [Theory]
    [InlineData(10, 5, 2)]
    [InlineData(1, 5, 0.2)]
    [InlineData(7, 5, 2)]
    [InlineData(0.003, 4, 0.001)]
    [InlineData(250, 5, 50)]
    [InlineData(1e6, 4, 5e5)]
    public void Nice_step_is_1_2_or_5_times_a_power_of_ten(double span, int maxTicks, double expected) =>
        Assert.Equal(expected, NiceTicks.NiceStep(span, maxTicks), 12);

    [Fact]
    public void Linear_ticks_for_a_unit_range()
    {
        var ticks = NiceTicks.Linear(0, 1, 300, horizontal: false);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], ticks.Select(t => t.Value));
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Linear_ticks_for_matrix_columns_are_whole_numbers()
    {
        var ticks = NiceTicks.Linear(-0.5, 9.5, 470, horizontal: true);
        Assert.Equal([0, 2, 4, 6, 8], ticks.Select(t => t.Value));
        Assert.Equal(["0", "2", "4", "6", "8"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Negative_ticks_use_a_real_minus_sign() =>
        Assert.Equal(["−1.0", "−0.5", "0.0", "0.5", "1.0"], NiceTicks.Linear(-1, 1, 200, horizontal: false).Select(t => t.Label));

    [Fact]
    public void Floating_point_noise_does_not_reach_the_labels()
    {
        var ticks = NiceTicks.Linear(0.1, 0.7, 400, horizontal: true); // step 0.2, and 3 × 0.2 = 0.6000000000000001
        Assert.Contains(ticks, t => t.Value == 0.6 && t.Label == "0.6");
    }

    [Theory]
    [InlineData(2e6, 1e6, "2×10⁶")]
    [InlineData(3e-5, 1e-5, "3×10⁻⁵")]
    [InlineData(0, 1e-5, "0")]
    [InlineData(1500, 500, "1500")]
    public void Extreme_linear_values_use_powers_of_ten(double value, double step, string label) =>
        Assert.Equal(label, NumberFormat.LinearTick(value, step));

    [Fact]
    public void Log_axis_over_five_decades_labels_each_power_of_ten()
    {
        var ticks = NiceTicks.Log(1e-4, 10, 400, horizontal: true).Where(t => !t.Minor).ToList();
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1, 10], ticks.Select(t => t.Value));
        // One style per axis: 10⁻⁴ is outside the plain range, so the whole axis is in powers.
        Assert.Equal(["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Log_axis_with_room_adds_2_and_5_and_minor_ticks()
    {
        var ticks = NiceTicks.Log(0.02, 50, 280, horizontal: false);
        var labelled = ticks.Where(t => !t.Minor).Select(t => t.Label).ToList();
        Assert.Equal(["0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50"], labelled);
        Assert.Contains(ticks, t => t.Minor && Math.Abs(t.Value - 0.3) < 1e-12);
    }

    [Fact]
    public void Crowded_log_axis_labels_every_few_decades_without_overlap()
    {
        var ticks = NiceTicks.Log(1e-12, 1, 150, horizontal: true);
        Assert.True(ticks.Count >= 2 && ticks.Count < 13);
        // Every k-th decade, evenly.
        var exponents = ticks.Select(t => (int)Math.Round(Math.Log10(t.Value))).ToList();
        Assert.Single(exponents.Zip(exponents.Skip(1), (a, b) => b - a).Distinct());
        Assert.True(NiceTicks.Fits(ticks, v => (Math.Log10(v) + 12) / 12 * 150, true, 12));
    }

    [Fact]
    public void Log_axis_within_one_decade_still_gets_ticks()
    {
        var ticks = NiceTicks.Log(0.3, 0.8, 300, horizontal: true);
        Assert.True(ticks.Count >= 2);
        Assert.All(ticks, t => Assert.InRange(t.Value, 0.3, 0.8));
    }

    [Fact]
    public void Labels_never_overlap_for_random_ranges_and_lengths()
    {
        var rng = new Random(0);
        for (int trial = 0; trial < 500; trial++)
        {
            double a = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 7));
            double b = a + rng.NextDouble() * Math.Pow(10, rng.Next(-6, 7)) + 1e-9;
            double pixels = 80 + rng.NextDouble() * 900;
            bool horizontal = trial % 2 == 0;
            var linear = NiceTicks.Linear(a, b, pixels, horizontal);
            Assert.True(linear.Count >= 1, $"no ticks for [{a}, {b}]");
            Assert.True(NiceTicks.Fits(linear, v => (v - a) / (b - a) * pixels, horizontal, 12),
                $"overlap on [{a}, {b}] over {pixels} px: {string.Join(" ", linear.Select(t => t.Label))}");
            Assert.All(linear, t => Assert.InRange(t.Value, a - 1e-9 * Math.Abs(b - a), b + 1e-9 * Math.Abs(b - a)));

            double lo = Math.Pow(10, rng.NextDouble() * 20 - 10), hi = lo * Math.Pow(10, rng.NextDouble() * 12 + 0.05);
            var log = NiceTicks.Log(lo, hi, pixels, horizontal).Where(t => !t.Minor).ToList();
            Assert.True(NiceTicks.Fits(log, v => (Math.Log10(v) - Math.Log10(lo)) / (Math.Log10(hi) - Math.Log10(lo)) * pixels, horizontal, 12),
                $"overlap on log [{lo}, {hi}] over {pixels} px");
        }
    }
}
