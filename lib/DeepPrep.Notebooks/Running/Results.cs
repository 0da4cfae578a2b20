using DeepPrep.Notebooks.Format;

namespace DeepPrep.Notebooks.Running;

/// <summary>How a code cell ended.</summary>
internal enum CellStatus { Passed, Failed, TimedOut, NotRun, Empty }

/// <summary>A claim a notebook made, where it made it, and whether a reader could see it.</summary>
internal sealed record ClaimResult(string Description, bool Holds, string Observed, int CellNumber, int Line, bool Shown)
{
    /// <summary>"cell 7, line 3"</summary>
    public string Where => Line > 0 ? $"cell {CellNumber}, line {Line}" : $"cell {CellNumber}";

    public override string ToString() =>
        $"{(Holds ? "✓" : "✗")} {Description}{(Observed.Length > 0 ? $" — observed {Observed}" : "")}";
}

/// <summary>One code cell's run: status, wall time, and the first error with its line.</summary>
internal sealed class CellResult
{
    public required int Number { get; init; }          // 1-based position among all cells, as an editor shows them
    public string? Id { get; init; }
    public int? ExecutionCount { get; set; }
    public CellStatus Status { get; set; } = CellStatus.NotRun;
    public TimeSpan Elapsed { get; set; }
    public string? Error { get; set; }
    public int? ErrorLine { get; set; }
    public List<ClaimResult> Claims { get; } = [];

    public string Name => Id is { Length: > 0 } ? $"cell {Number} (id: {Id})" : $"cell {Number}";
}

/// <summary>One notebook's run: every cell, every claim, and the reasons it failed (empty when it passed).</summary>
internal sealed class NotebookResult
{
    public required string Path { get; init; }
    public required Notebook Executed { get; init; }
    public required NotebookInfo Info { get; init; }
    public List<CellResult> Cells { get; } = [];
    public List<ClaimResult> Claims { get; } = [];
    public List<string> Failures { get; } = [];
    public TimeSpan Elapsed { get; set; }

    public string FileName => System.IO.Path.GetFileName(Path);
    public string Stem => System.IO.Path.GetFileNameWithoutExtension(Path);
    public bool Passed => Failures.Count == 0;
    public int ClaimsHeld => Claims.Count(c => c.Holds);
    public int ClaimsFalse => Claims.Count(c => !c.Holds);
    public CellResult? Slowest => Cells.Where(c => c.Status != CellStatus.Empty).MaxBy(c => c.Elapsed);
}
