using System.Text.Json;

namespace DeepPrep.Charts.Rendering;

/// <summary>Small helpers for writing plotly JSON: NaN and ±∞ are not JSON, so they become null (a gap for plotly).</summary>
internal static class JsonExtensions
{
    public static void Number(this Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        w.Number(value);
    }

    /// <summary>
    /// A number with at most <paramref name="significant"/> significant digits (10 by default: invisible on a chart,
    /// and 0.30000000000000004 becomes 0.3). Tiny values keep their digits: 1e-12 stays 1e-12, not 0.
    /// </summary>
    public static void Number(this Utf8JsonWriter w, double value, int significant = 10)
    {
        if (!double.IsFinite(value)) { w.WriteNullValue(); return; }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        w.WriteNumberValue(double.Parse(value.ToString("G" + significant, invariant), invariant));
    }

    public static void Numbers(this Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values) w.Number(v);
        w.WriteEndArray();
    }

    public static void Strings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>A matrix as an array of rows (plotly's z: z[i][j] is at y[i], x[j]).</summary>
    public static void Matrix(this Utf8JsonWriter w, string name, double[,] z, int significant = 10)
    {
        w.WriteStartArray(name);
        for (int i = 0; i < z.GetLength(0); i++)
        {
            w.WriteStartArray();
            for (int j = 0; j < z.GetLength(1); j++) w.Number(z[i, j], significant);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>plotly's colorscale: [[0, "#440154"], …, [1, "#fde725"]].</summary>
    public static void ColorScale(this Utf8JsonWriter w, ColorMap map)
    {
        w.WriteStartArray("colorscale");
        foreach (var (at, color) in map.Stops)
        {
            w.WriteStartArray();
            w.WriteNumberValue(at);
            w.WriteStringValue(color.Hex);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    public static void Font(this Utf8JsonWriter w, double size, Rgb color)
    {
        w.WriteStartObject("font");
        w.Number("size", size);
        w.WriteString("color", color.Hex);
        w.WriteEndObject();
    }
}
