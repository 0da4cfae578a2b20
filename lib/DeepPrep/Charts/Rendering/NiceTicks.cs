namespace DeepPrep.Charts.Rendering;

/// <summary>A tick mark: where it goes (in data units), its label, and whether it is an unlabelled minor tick.</summary>
internal readonly record struct Tick(double Value, string Label, bool Minor = false);

/// <summary>
/// Chooses tick values a person would choose: round numbers (1, 2 or 5 times a power of ten) on linear axes,
/// powers of ten (then 1-2-5 within a decade when there is room) on log axes, and never so many that
/// neighbouring labels touch.
/// </summary>
/// <remarks>
/// Method: start from the densest spacing we would like (about one label per 80 px across, 40 px up the
/// side), generate round ticks, measure the labels with <see cref="TextMetrics"/>, and step to the next
/// coarser spacing until no two labels overlap.
/// </remarks>
internal static class NiceTicks
{
    private const double HorizontalSpacing = 70, VerticalSpacing = 36, LabelGap = 10;

    /// <summary>The round step (1, 2 or 5 × 10^k) that gives at most about <paramref name="maxTicks"/> ticks over <paramref name="span"/>.</summary>
    public static double NiceStep(double span, int maxTicks)
    {
        if (!(span > 0) || double.IsInfinity(span)) return 1;
        double rough = span / Math.Max(1, maxTicks);
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
        return nice * power;
    }

    /// <summary>The next coarser round step: 1 → 2 → 5 → 10 (times the same power of ten).</summary>
    private static double NextStep(double step)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
        double mantissa = Math.Round(step / power);
        return (mantissa < 2 ? 2 : mantissa < 5 ? 5 : 10) * power;
    }

    /// <summary>Multiples of <paramref name="step"/> inside [min, max].</summary>
    public static List<double> Multiples(double min, double max, double step)
    {
        var values = new List<double>();
        double first = Math.Ceiling(min / step - 1e-9);
        double last = Math.Floor(max / step + 1e-9);
        for (double k = first; k <= last && values.Count < 1000; k++)
        {
            double v = k * step;
            // Rounding to the step's precision turns 0.30000000000000004 into 0.3.
            int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)) + 1, 0, 15);
            values.Add(Math.Round(v, decimals));
        }
        return values;
    }

    /// <summary>Ticks for a linear axis over [min, max] drawn <paramref name="pixels"/> long.</summary>
    public static List<Tick> Linear(double min, double max, double pixels, bool horizontal, double fontSize = 12)
    {
        if (!(max > min)) return [];
        int start = Math.Max(2, (int)(pixels / (horizontal ? HorizontalSpacing : VerticalSpacing)));
        List<Tick> fallback = [];
        for (double step = NiceStep(max - min, start); ; step = NextStep(step))
        {
            var ticks = Multiples(min, max, step).Select(v => new Tick(v, NumberFormat.LinearTick(v, step))).ToList();
            if (ticks.Count >= 2 && Fits(ticks, v => (v - min) / (max - min) * pixels, horizontal, fontSize)) return ticks;
            if (ticks.Count > 0) fallback = [ticks[ticks.Count / 2]];
            if (step > max - min) break;
        }
        // Even two labels collide (a short axis, long labels): one label, in the middle, still says where we are.
        double middle = (min + max) / 2;
        return fallback.Count > 0 ? fallback : [new Tick(middle, NumberFormat.Short(middle))];
    }

    /// <summary>Ticks for a log axis over [min, max] (both positive) drawn <paramref name="pixels"/> long.</summary>
    public static List<Tick> Log(double min, double max, double pixels, bool horizontal, double fontSize = 12)
    {
        if (!(min > 0) || !(max > min)) return [];
        double lo = Math.Log10(min), hi = Math.Log10(max);
        double ToPixel(double v) => (Math.Log10(v) - lo) / (hi - lo) * pixels;
        int kMin = (int)Math.Ceiling(lo - 1e-9), kMax = (int)Math.Floor(hi + 1e-9);
        bool power = LogUsesPowers(min, max);

        if (kMax - kMin >= 1)
        {
            // Two or more powers of ten are visible: label every one, or every 2nd, 3rd, … if crowded.
            foreach (int stride in new[] { 1, 2, 3, 4, 5, 10, 20, 50, 100 })
            {
                var decades = new List<Tick>();
                for (int k = kMin; k <= kMax; k++)
                    if (k % stride == 0) decades.Add(new Tick(Math.Pow(10, k), NumberFormat.LogTick(Math.Pow(10, k), power)));
                if (decades.Count == 0 || !Fits(decades, ToPixel, horizontal, fontSize)) continue;
                if (stride > 1) return decades;

                // Room to spare: label 2 and 5 inside each decade as well (1-2-5), if those labels fit too.
                var withMid = OneTwoFive(min, max, [1, 2, 5], power);
                if (withMid.Count <= 30 && Fits(withMid, ToPixel, horizontal, fontSize)) decades = withMid;
                // Unlabelled minor ticks at 2…9 show the log spacing when a decade is at least 30 px long.
                if (pixels / (hi - lo) >= 30) decades.AddRange(MinorLogTicks(min, max, decades));
                return decades.OrderBy(t => t.Value).ToList();
            }
            return [new Tick(Math.Pow(10, kMin), NumberFormat.LogTick(Math.Pow(10, kMin), power))];
        }

        // Less than about a decade: 1-2-5 or 1…9 times a power of ten, else round linear steps.
        foreach (var mantissas in new[] { new[] { 1.0, 2, 5 }, new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9 } })
        {
            var ticks = OneTwoFive(min, max, mantissas, power);
            if (ticks.Count >= 3 && Fits(ticks, ToPixel, horizontal, fontSize)) return ticks;
        }
        for (int maxTicks = Math.Max(2, (int)(pixels / (horizontal ? HorizontalSpacing : VerticalSpacing))); maxTicks >= 1; maxTicks--)
        {
            double step = NiceStep(max - min, maxTicks);
            var ticks = Multiples(min, max, step).Where(v => v > 0)
                .Select(v => new Tick(v, NumberFormat.LinearTick(v, step))).ToList();
            if (ticks.Count >= 1 && Fits(ticks, ToPixel, horizontal, fontSize)) return ticks;
        }
        return [];
    }

    /// <summary>Plain decimals while they stay short (0.001 … 10000), powers of ten for the whole axis beyond that.</summary>
    public static bool LogUsesPowers(double min, double max) =>
        Math.Floor(Math.Log10(min) + 1e-9) < -3 || Math.Floor(Math.Log10(max) + 1e-9) > 4;

    private static List<Tick> OneTwoFive(double min, double max, double[] mantissas, bool power)
    {
        var ticks = new List<Tick>();
        for (int k = (int)Math.Floor(Math.Log10(min)); k <= (int)Math.Ceiling(Math.Log10(max)); k++)
            foreach (double m in mantissas)
            {
                double v = m * Math.Pow(10, k);
                v = double.Parse(v.ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
                if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.Add(new Tick(v, NumberFormat.LogTick(v, power)));
            }
        return ticks;
    }

    private static IEnumerable<Tick> MinorLogTicks(double min, double max, List<Tick> labelled)
    {
        var taken = labelled.Select(t => t.Value).ToHashSet();
        for (int k = (int)Math.Floor(Math.Log10(min)); k <= (int)Math.Ceiling(Math.Log10(max)); k++)
            for (int m = 2; m <= 9; m++)
            {
                double v = m * Math.Pow(10, k);
                if (v >= min && v <= max && !taken.Any(t => Math.Abs(t - v) <= v * 1e-9)) yield return new Tick(v, "", Minor: true);
            }
    }

    /// <summary>True when no two neighbouring labels overlap (with a small gap) at these pixel positions.</summary>
    internal static bool Fits(IReadOnlyList<Tick> ticks, Func<double, double> toPixel, bool horizontal, double fontSize)
    {
        for (int i = 1; i < ticks.Count; i++)
        {
            double distance = Math.Abs(toPixel(ticks[i].Value) - toPixel(ticks[i - 1].Value));
            double needed = horizontal
                ? (TextMetrics.Width(ticks[i].Label, fontSize) + TextMetrics.Width(ticks[i - 1].Label, fontSize)) / 2 + LabelGap
                : fontSize + 6;
            if (distance < needed) return false;
        }
        return true;
    }
}
