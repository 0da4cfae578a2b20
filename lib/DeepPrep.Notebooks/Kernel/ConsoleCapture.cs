using System.Text;

namespace DeepPrep.Notebooks.Kernel;

/// <summary>
/// Routes Console.Out and Console.Error: text written while a cell runs becomes that cell's stream
/// output; anything else (the runner's own progress) goes to the real terminal.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly object gate = new();
    private static TextWriter? originalOut;

    /// <summary>The terminal's stdout as it was before capture (for the runner's own output).</summary>
    public static TextWriter OriginalOut => originalOut ?? Console.Out;

    public static void Install()
    {
        lock (gate)
        {
            if (originalOut != null) return;
            originalOut = Console.Out;
            Console.SetOut(new RoutingWriter("stdout", Console.Out));
            Console.SetError(new RoutingWriter("stderr", Console.Error));
        }
    }

    private sealed class RoutingWriter(string streamName, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (value == null) return;
            if (CellOutputs.Current is { } cell) cell.Write(streamName, value);
            else fallback.Write(value);
        }

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (CellOutputs.Current == null) fallback.Flush();
        }
    }
}
