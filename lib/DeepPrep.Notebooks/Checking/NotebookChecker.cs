using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeepPrep.Notebooks.Kernel;

namespace DeepPrep.Notebooks.Checking;

/// <summary>
/// The rules a committed DeepPrep notebook follows (shared/notebook-format.md §1 and §3), checked without
/// running it: nbformat 4.5 with the Polyglot metadata, no saved outputs, the library loaded by the
/// standard first-cell #r, only directives the runner supports, and at least one claim.
/// </summary>
internal static partial class NotebookChecker
{
    /// <summary>The one first-cell line that loads the library, relative to a notebook in notebooks/.</summary>
    public const string StandardReference = "#r \"../lib/DeepPrep/bin/DeepPrep.dll\"";

    /// <summary>Every problem found, each a sentence that says what to change; empty when the notebook is fine.</summary>
    public static List<string> Check(string path, string? libraryDll)
    {
        var problems = new List<string>();
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new JsonException("the top level is not an object");
        }
        catch (JsonException e) { return [$"not valid JSON: {e.Message}"]; }

        if (Int(root["nbformat"]) != 4 || Int(root["nbformat_minor"]) != 5)
            problems.Add($"nbformat must be 4.5 (found {root["nbformat"]?.ToJsonString()}.{root["nbformat_minor"]?.ToJsonString()}).");
        CheckMetadata(root["metadata"] as JsonObject, problems);

        if (root["cells"] is not JsonArray cells) { problems.Add("there is no \"cells\" array."); return problems; }
        var ids = new HashSet<string>();
        bool firstCode = true, hasClaim = false;
        for (int i = 0; i < cells.Count; i++)
        {
            var where = $"cell {i + 1}";
            if (cells[i] is not JsonObject cell) { problems.Add($"{where} is not an object."); continue; }
            var type = Str(cell["cell_type"]);
            var id = Str(cell["id"]);
            if (id == null) problems.Add($"{where} has no \"id\" (nbformat 4.5 requires one per cell).");
            else if (!CellId().IsMatch(id)) problems.Add($"{where}: id \"{id}\" must be 1–64 letters, digits, '-' or '_'.");
            else if (!ids.Add(id)) problems.Add($"{where}: id \"{id}\" is used twice.");
            if (id != null) where += $" (id: {id})";
            if (cell["metadata"] is not JsonObject metadata) { problems.Add($"{where} has no \"metadata\" object."); metadata = []; }
            if (!TryReadSource(cell["source"], out var source)) problems.Add($"{where}: \"source\" must be a string or an array of lines, each but the last ending in \\n.");

            switch (type)
            {
                case "markdown" or "raw":
                    if (cell.ContainsKey("outputs") || cell.ContainsKey("execution_count"))
                        problems.Add($"{where}: a {type} cell has no outputs or execution_count.");
                    break;
                case "code":
                    if (Str(metadata["dotnet_interactive"]?["language"]) != "csharp" || Str(metadata["polyglot_notebook"]?["kernelName"]) != "csharp")
                        problems.Add($"{where}: code cell metadata needs \"dotnet_interactive\": {{\"language\": \"csharp\"}} and \"polyglot_notebook\": {{\"kernelName\": \"csharp\"}}.");
                    if (cell["outputs"] is not JsonArray outputs) problems.Add($"{where}: a code cell needs \"outputs\": [].");
                    else if (outputs.Count > 0) problems.Add($"{where} has saved outputs: clear them before committing (outputs are made by `run`).");
                    if (!cell.ContainsKey("execution_count")) problems.Add($"{where}: a code cell needs \"execution_count\": null.");
                    else if (cell["execution_count"] != null) problems.Add($"{where} has an execution count: clear outputs before committing.");
                    if (firstCode) CheckFirstCodeCell(source, path, libraryDll, where, problems);
                    firstCode = false;
                    var directives = Directives.Parse(source);
                    if (directives.Error != null) problems.Add($"{where}, line {directives.ErrorLine}: {directives.Error}");
                    hasClaim |= ClaimCall().IsMatch(WithoutComments(source));
                    break;
                default:
                    problems.Add($"{where}: unknown cell_type \"{type}\".");
                    break;
            }
        }
        if (firstCode) problems.Add($"there is no code cell: the first one must load the library with {StandardReference}.");
        if (!hasClaim) problems.Add("no claim: state what the experiment shows with Claim.That / Less / Greater / AtLeast / AtMost / InRange / Close, so a run can check it.");
        return problems;
    }

    private static void CheckMetadata(JsonObject? metadata, List<string> problems)
    {
        if (metadata == null) { problems.Add("there is no notebook \"metadata\" object."); return; }
        var kernelspec = metadata["kernelspec"];
        if (Str(kernelspec?["name"]) != ".net-csharp" || Str(kernelspec?["language"]) != "C#" || Str(kernelspec?["display_name"]) != ".NET (C#)")
            problems.Add("metadata.kernelspec must be {\"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\"}.");
        if (Str(metadata["language_info"]?["name"]) is not ("polyglot-notebook" or "C#"))
            problems.Add("metadata.language_info.name must be \"polyglot-notebook\" (or the Jupyter kernel's \"C#\").");
        var kernelInfo = metadata["polyglot_notebook"]?["kernelInfo"];
        bool hasCSharp = kernelInfo?["items"] is JsonArray items && items.Any(item =>
            Str(item?["name"]) == "csharp" && (item?["languageName"] == null || Str(item["languageName"]) == "C#"));
        if (Str(kernelInfo?["defaultKernelName"]) != "csharp" || !hasCSharp)
            problems.Add("metadata.polyglot_notebook.kernelInfo must have \"defaultKernelName\": \"csharp\" and an item {\"name\": \"csharp\", \"aliases\": [], \"languageName\": \"C#\"}.");
    }

    private static void CheckFirstCodeCell(string source, string notebookPath, string? libraryDll, string where, List<string> problems)
    {
        var firstLine = source.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("#!", StringComparison.Ordinal)) ?? "";
        var match = Reference().Match(firstLine);
        if (!match.Success)
        {
            problems.Add($"{where}: the first code cell must start by loading the library: {StandardReference}");
            return;
        }
        var referenced = match.Groups[1].Value;
        if (Path.IsPathRooted(referenced))
            problems.Add($"{where}: the library path must be relative to the notebook (it must work in every clone): {StandardReference}");
        else if (!referenced.Replace('\\', '/').EndsWith("lib/DeepPrep/bin/DeepPrep.dll", StringComparison.Ordinal))
            problems.Add($"{where}: load the library from its stable build path, lib/DeepPrep/bin/DeepPrep.dll (found \"{referenced}\").");
        else if (libraryDll != null)
        {
            var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!, referenced));
            if (resolved != Path.GetFullPath(libraryDll))
                problems.Add($"{where}: \"{referenced}\" does not lead to the repository's lib/DeepPrep/bin/DeepPrep.dll from this notebook's folder.");
        }
    }

    private static bool TryReadSource(JsonNode? node, out string source)
    {
        source = "";
        if (node is JsonValue value && value.TryGetValue(out string? text)) { source = text ?? ""; return true; }
        if (node is not JsonArray lines) return false;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not JsonValue lv || !lv.TryGetValue(out string? line) || line == null) return false;
            if (i < lines.Count - 1 && !line.EndsWith('\n')) return false;
            source += line;
        }
        return true;
    }

    private static string WithoutComments(string code) => LineComment().Replace(code, "");
    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue(out int i) ? i : null;

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,64}$")]
    private static partial Regex CellId();

    [GeneratedRegex("""^#r\s+"([^"]+)"\s*$""")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\bClaim\s*\.\s*(That|Less|Greater|AtLeast|AtMost|InRange|Close)\s*\(")]
    private static partial Regex ClaimCall();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();
}
