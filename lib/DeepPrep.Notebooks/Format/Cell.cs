using System.Text.Json.Nodes;

namespace DeepPrep.Notebooks.Format;

/// <summary>One notebook cell: markdown, code or raw. Code cells carry outputs and an execution count.</summary>
internal sealed class Cell
{
    public required string Type { get; init; }           // "code", "markdown" or "raw"
    public string? Id { get; set; }
    public string Source { get; set; } = "";
    public JsonObject Metadata { get; init; } = [];
    public List<Output> Outputs { get; } = [];
    public int? ExecutionCount { get; set; }
    public JsonNode? Attachments { get; init; }

    /// <summary>The raw JSON the cell was read from (null for cells made in code): what `check` inspects.</summary>
    public JsonObject? Original { get; private init; }

    public bool IsCode => Type == "code";
    public bool IsMarkdown => Type == "markdown";

    public static Cell FromJson(JsonObject json)
    {
        var cell = new Cell
        {
            Type = json["cell_type"]?.GetValue<string>() ?? "",
            Id = json["id"] is JsonValue idValue && idValue.TryGetValue(out string? id) ? id : null,
            Source = Notebook.FromLines(json["source"]),
            Metadata = json["metadata"] as JsonObject is { } m ? (JsonObject)m.DeepClone() : [],
            ExecutionCount = json["execution_count"] is JsonValue ec && ec.TryGetValue(out int n) ? n : null,
            Attachments = json["attachments"]?.DeepClone(),
            Original = json,
        };
        if (json["outputs"] is JsonArray outputs)
            foreach (var o in outputs.OfType<JsonObject>()) cell.Outputs.Add(Output.FromJson(o));
        return cell;
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["cell_type"] = Type };
        if (IsCode) json["execution_count"] = ExecutionCount;
        if (Id != null) json["id"] = Id;
        if (Attachments != null && !IsCode) json["attachments"] = Attachments.DeepClone();
        json["metadata"] = Metadata.DeepClone();
        if (IsCode) json["outputs"] = new JsonArray(Outputs.Select(o => (JsonNode)o.ToJson()).ToArray());
        json["source"] = Notebook.ToLines(Source);
        return json;
    }
}
