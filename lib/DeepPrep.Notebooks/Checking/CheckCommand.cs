using DeepPrep.Notebooks.Running;
using Spectre.Console;

namespace DeepPrep.Notebooks.Checking;

/// <summary>`check`: every problem in every notebook, then exit 0 (all fine) or 1.</summary>
internal static class CheckCommand
{
    public static int Execute(IAnsiConsole console, IReadOnlyList<string> paths, string? filter)
    {
        var repo = Repository.Find();
        if (paths.Count == 0)
        {
            if (repo == null) { console.MarkupLine("[red]error:[/] run this inside a DeepPrep checkout, or name the notebooks."); return 2; }
            paths = [repo.Notebooks];
        }
        List<string> notebooks;
        try { notebooks = Repository.Discover(paths, filter); }
        catch (FileNotFoundException e) { console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}"); return 2; }
        if (notebooks.Count == 0) { console.MarkupLine("[red]error:[/] no notebooks found."); return 2; }

        int bad = 0;
        foreach (var path in notebooks)
        {
            var problems = NotebookChecker.Check(path, repo?.LibraryDll);
            if (problems.Count == 0) { console.MarkupLine($"[green]✓[/] {Markup.Escape(Path.GetFileName(path))}"); continue; }
            bad++;
            console.MarkupLine($"[red]✗[/] {Markup.Escape(Path.GetFileName(path))}");
            foreach (var problem in problems) console.MarkupLine($"    {Markup.Escape(problem)}");
        }
        console.MarkupLine(bad == 0 ? $"[green]{notebooks.Count} notebook(s) OK[/]" : $"[red]{bad} of {notebooks.Count} notebook(s) need fixing[/]");
        return bad == 0 ? 0 : 1;
    }
}
