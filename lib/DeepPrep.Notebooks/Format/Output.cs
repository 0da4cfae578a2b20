using System.Text.Json.Nodes;

namespace DeepPrep.Notebooks.Format;

/// <summary>One output of a code cell, in the four kinds nbformat knows.</summary>
internal abstract class Output
{
    public abstract JsonObject ToJson();

    public static Output FromJson(JsonObject json) => json["output_type"]?.GetValue<string>() switch
    {
        "stream" => new StreamOutput(json["name"]?.GetValue<string>() ?? "stdout") { Text = Notebook.FromLines(json["text"]) },
        "display_data" => DisplayOutput.FromJson(json, isResult: false),
        "execute_result" => DisplayOutput.FromJson(json, isResult: true),
        "error" => new ErrorOutput(
            json["ename"]?.GetValue<string>() ?? "",
            json["evalue"]?.GetValue<string>() ?? "",
            json["traceback"] is JsonArray tb ? tb.Select(t => t?.GetValue<string>() ?? "").ToList() : []),
        var other => new UnknownOutput(json, other),
    };
}

/// <summary>Text written to Console.Out ("stdout") or Console.Error ("stderr").</summary>
internal sealed class StreamOutput(string name) : Output
{
    public string Name { get; } = name;
    public string Text { get; set; } = "";

    public override JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["output_type"] = "stream",
        ["text"] = Notebook.ToLines(Text),
    };
}

/// <summary>
/// A value shown by display() (display_data) or returned by the cell (execute_result): one MIME bundle,
/// e.g. text/html and text/plain renderings of the same value.
/// </summary>
internal sealed class DisplayOutput : Output
{
    /// <summary>MIME type → rendering, in the order the formatter produced them (the first is the preferred one).</summary>
    public List<KeyValuePair<string, string>> Data { get; set; } = [];
    public bool IsResult { get; init; }
    public int? ExecutionCount { get; set; }

    public string? Get(string mimeType) => Data.FirstOrDefault(d => d.Key == mimeType).Value;

    public static DisplayOutput FromJson(JsonObject json, bool isResult)
    {
        var output = new DisplayOutput
        {
            IsResult = isResult,
            ExecutionCount = json["execution_count"] is JsonValue v && v.TryGetValue(out int n) ? n : null,
        };
        if (json["data"] is JsonObject data)
            foreach (var (mime, value) in data)
                output.Data.Add(new(mime, IsJsonMime(mime) ? value?.ToJsonString() ?? "null" : Notebook.FromLines(value)));
        return output;
    }

    /// <summary>nbformat stores JSON MIME types (application/json, *+json) as objects, everything else as text lines.</summary>
    public static bool IsJsonMime(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    public override JsonObject ToJson()
    {
        var data = new JsonObject();
        foreach (var (mime, value) in Data)
            data[mime] = IsJsonMime(mime) ? JsonNode.Parse(value) : Notebook.ToLines(value);
        var json = new JsonObject { ["data"] = data };
        if (IsResult) json["execution_count"] = ExecutionCount;
        json["metadata"] = new JsonObject();
        json["output_type"] = IsResult ? "execute_result" : "display_data";
        return json;
    }
}

/// <summary>A compile error, a rejected directive or an exception: what failed, and where.</summary>
internal sealed class ErrorOutput(string name, string value, List<string> traceback) : Output
{
    public string Name { get; } = name;
    public string Value { get; } = value;
    public List<string> Traceback { get; } = traceback;

    public override JsonObject ToJson() => new()
    {
        ["ename"] = Name,
        ["evalue"] = Value,
        ["output_type"] = "error",
        ["traceback"] = new JsonArray(Traceback.Select(t => (JsonNode)t).ToArray()),
    };
}

/// <summary>An output type this runner does not produce; kept as read.</summary>
internal sealed class UnknownOutput(JsonObject json, string? type) : Output
{
    public string? Type { get; } = type;
    public override JsonObject ToJson() => (JsonObject)json.DeepClone();
}
