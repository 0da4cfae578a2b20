using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepPrep.Notebooks.Format;

/// <summary>
/// A Jupyter notebook (nbformat 4) as DeepPrep reads and writes it: cells with their source and outputs,
/// and the notebook metadata kept verbatim so that a round trip changes nothing it does not mean to.
/// </summary>
internal sealed class Notebook
{
    public required JsonObject Metadata { get; init; }
    public List<Cell> Cells { get; } = [];
    public int Format { get; init; } = 4;
    public int FormatMinor { get; init; } = 5;

    /// <summary>Reads a notebook file. Throws <see cref="NotebookFormatException"/> with a readable reason.</summary>
    public static Notebook Load(string path) => Parse(File.ReadAllText(path), path);

    public static Notebook Parse(string json, string nameForErrors)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw new NotebookFormatException($"{nameForErrors}: not valid JSON ({e.Message})."); }
        if (root is not JsonObject obj) throw new NotebookFormatException($"{nameForErrors}: the top level must be a JSON object.");
        if (obj["cells"] is not JsonArray cells) throw new NotebookFormatException($"{nameForErrors}: no \"cells\" array.");

        var notebook = new Notebook
        {
            Metadata = obj["metadata"] as JsonObject ?? [],
            Format = ReadInt(obj["nbformat"]) ?? 0,
            FormatMinor = ReadInt(obj["nbformat_minor"]) ?? 0,
        };
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject c) throw new NotebookFormatException($"{nameForErrors}: cell {i + 1} is not an object.");
            notebook.Cells.Add(Cell.FromJson(c));
        }
        return notebook;
    }

    private static int? ReadInt(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out int i) ? i : null;

    /// <summary>The notebook as nbformat JSON: one-space indent like Jupyter, keys in a stable order, UTF-8 kept readable.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(Cells.Select(c => (JsonNode)c.ToJson()).ToArray()),
            ["metadata"] = Metadata.DeepClone(),
            ["nbformat"] = Format,
            ["nbformat_minor"] = FormatMinor,
        };
        return Serialize(root) + "\n";
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson());
    }

    internal static string Serialize(JsonNode node)
    {
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, IndentSize = 1 };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options)) node.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Splits text into Jupyter's line array: every line but the last keeps its "\n".</summary>
    public static JsonArray ToLines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    /// <summary>Reads a Jupyter multiline string: a string or an array of strings, joined as they are.</summary>
    public static string FromLines(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out string? s) => s ?? "",
        JsonArray a => string.Concat(a.Select(l => l is JsonValue lv && lv.TryGetValue(out string? s) ? s : "")),
        _ => "",
    };
}

/// <summary>The notebook file is not a notebook DeepPrep can read.</summary>
internal sealed class NotebookFormatException(string message) : Exception(message);
