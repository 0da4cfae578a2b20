using DeepPrep.Notebooks.Format;

namespace DeepPrep.Notebooks.Kernel;

/// <summary>
/// Collects what one running cell produces, in the order it happens: Console text (stream outputs) and
/// displayed values (display_data). Thread-safe: a cell may print from Parallel.For or a Task.
/// </summary>
internal sealed class CellOutputs(NotebookSession session)
{
    private readonly object gate = new();
    private readonly List<Output> outputs = [];

    /// <summary>The notebook this cell belongs to (where loaded libraries and shown claims are recorded).</summary>
    public NotebookSession Session { get; } = session;

    /// <summary>Called with each completed line of Console output (for live progress in the terminal).</summary>
    public Action<string>? OnLine { get; set; }

    public IReadOnlyList<Output> Snapshot() { lock (gate) return outputs.ToArray(); }

    /// <summary>Appends text to the last output if it is the same stream, so consecutive writes make one output.</summary>
    public void Write(string streamName, string text)
    {
        if (text.Length == 0) return;
        lock (gate)
        {
            if (outputs.Count > 0 && outputs[^1] is StreamOutput last && last.Name == streamName) last.Text += text;
            else outputs.Add(new StreamOutput(streamName) { Text = text });
        }
        if (OnLine != null && text.Contains('\n'))
        {
            var line = text.TrimEnd('\n', '\r');
            int cut = line.LastIndexOf('\n');
            OnLine(cut >= 0 ? line[(cut + 1)..] : line);
        }
    }

    public void Add(Output output) { lock (gate) outputs.Add(output); }

    /// <summary>Formats and appends a displayed value; the returned output can be updated in place.</summary>
    public DisplayOutput Display(object? value, IReadOnlyList<string> mimeTypes, bool isResult = false, int? executionCount = null)
    {
        Session.NoteShown(value);
        var output = new DisplayOutput { Data = ValueFormatter.Format(value, mimeTypes), IsResult = isResult, ExecutionCount = executionCount };
        Add(output);
        return output;
    }

    public void Replace(DisplayOutput output, object? value, IReadOnlyList<string> mimeTypes)
    {
        Session.NoteShown(value);
        var data = ValueFormatter.Format(value, mimeTypes);
        lock (gate) output.Data = data;
    }

    /// <summary>The cell whose code is running on this thread (flows into tasks and threads the cell starts).</summary>
    public static CellOutputs? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    private static readonly AsyncLocal<CellOutputs?> current = new();
}
