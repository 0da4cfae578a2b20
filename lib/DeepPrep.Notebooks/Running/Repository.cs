namespace DeepPrep.Notebooks.Running;

/// <summary>Where things are in a DeepPrep checkout: found by walking up to the folder that holds DeepPrep.slnx.</summary>
internal sealed class Repository(string root)
{
    public string Root { get; } = root;
    public string LibraryProject => Path.Combine(Root, "lib", "DeepPrep", "DeepPrep.csproj");
    /// <summary>The stable path notebooks load: <c>#r "../lib/DeepPrep/bin/DeepPrep.dll"</c>.</summary>
    public string LibraryDll => Path.Combine(Root, "lib", "DeepPrep", "bin", "DeepPrep.dll");
    public string Notebooks => Path.Combine(Root, "notebooks");
    public string Artifacts => Path.Combine(Root, "artifacts");
    public string PlotlyJs => Path.Combine(Root, "node_modules", "plotly.js-dist-min", "plotly.min.js");
    /// <summary>KaTeX's browser build (katex.min.js, katex.min.css, fonts/), for formulas in markdown.</summary>
    public string KatexDist => Path.Combine(Root, "node_modules", "katex", "dist");

    /// <summary>The checkout containing the current directory, else the one containing this program.</summary>
    public static Repository? Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DeepPrep.slnx"))) return new Repository(dir.FullName);
        return null;
    }

    /// <summary>The .ipynb files named or inside the folders named, sorted, without Jupyter's checkpoint copies.</summary>
    public static List<string> Discover(IEnumerable<string> paths, string? filter)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) found.Add(Path.GetFullPath(path));
            else if (Directory.Exists(path))
                found.AddRange(Directory.EnumerateFiles(path, "*.ipynb", SearchOption.AllDirectories)
                    .Where(f => !f.Contains(".ipynb_checkpoints", StringComparison.Ordinal))
                    .Select(Path.GetFullPath)
                    .Order(StringComparer.Ordinal));
            else throw new FileNotFoundException($"No notebook or folder at '{path}'.");
        }
        return found.Distinct().Where(f => Matches(Path.GetFileName(f), filter)).ToList();
    }

    /// <summary>--filter: a case-insensitive part of the file name, or a glob with * and ?.</summary>
    public static bool Matches(string fileName, string? filter)
    {
        if (string.IsNullOrEmpty(filter)) return true;
        if (filter.IndexOfAny(['*', '?']) < 0) return fileName.Contains(filter, StringComparison.OrdinalIgnoreCase);
        var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(filter).Replace("\\*", ".*").Replace("\\?", ".") + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(fileName, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }
}
