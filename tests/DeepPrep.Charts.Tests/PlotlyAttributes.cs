using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeepPrep.Charts.Tests;

/// <summary>
/// Lists the plotly.js attributes a figure's JSON uses, as paths like "scatter.marker.line.color" or
/// "layout.annotations[].font.size". The committed list (plotly-attributes.txt) is checked against the figures
/// here and against plotly.js's own schema in the browser test, so a misspelt or removed attribute fails a test
/// instead of being silently ignored by plotly.
/// </summary>
public static class PlotlyAttributes
{
    public static string ListPath => Path.Combine(AppContext.BaseDirectory, "plotly-attributes.txt");

    public static IReadOnlyList<string> Committed() =>
        File.ReadAllLines(ListPath).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    public static SortedSet<string> Used(string json)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "data":
                    foreach (var trace in property.Value.EnumerateArray()) Trace(trace, paths);
                    break;
                case "frames":
                    foreach (var frame in property.Value.EnumerateArray())
                        foreach (var p in frame.EnumerateObject())
                        {
                            paths.Add("frames[]." + p.Name);
                            if (p.Name == "data") foreach (var trace in p.Value.EnumerateArray()) Trace(trace, paths);
                            if (p.Name == "layout") Walk(p.Value, "layout", paths);
                        }
                    break;
                default:
                    Walk(property.Value, property.Name, paths);
                    break;
            }
        }
        return paths;
    }

    private static void Trace(JsonElement trace, SortedSet<string> paths) => Walk(trace, trace.GetProperty("type").GetString()!, paths);

    private static void Walk(JsonElement element, string path, SortedSet<string> paths)
    {
        foreach (var property in element.EnumerateObject())
        {
            // xaxis2, yaxis3 … are the same attributes as xaxis, yaxis.
            string name = Regex.Replace(property.Name, @"^([xy]axis)\d+$", "$1");
            string child = path + "." + name;
            paths.Add(child);
            if (name == "args") continue; // slider step arguments: free-form, passed to Plotly.animate
            if (property.Value.ValueKind == JsonValueKind.Object) Walk(property.Value, child, paths);
            else if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object))
                foreach (var item in property.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)) Walk(item, child + "[]", paths);
        }
    }
}
