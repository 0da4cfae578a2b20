namespace DeepPrep.Data;

/// <summary>
/// Finds the repository's <c>datasets/</c> folder, so that notebooks, tests and tools load the same files
/// wherever they run from.
/// </summary>
/// <remarks>
/// Search order for a file <c>datasets/&lt;relative path&gt;</c>:
/// <list type="number">
/// <item><description>the folder named by the environment variable <c>DEEPPREP_DATASETS</c>, if it is set;</description></item>
/// <item><description>a <c>datasets/</c> folder next to the DeepPrep assembly or in any folder above it
/// (lib/DeepPrep/bin/DeepPrep.dll and tests/…/bin/Debug/net10.0/ both lead up to the repository root);</description></item>
/// <item><description>a <c>datasets/</c> folder in the current directory or any folder above it (for when the
/// assembly was copied somewhere else, e.g. a package cache).</description></item>
/// </list>
/// The first folder that holds the file wins. If none does, the error lists every path tried.
/// </remarks>
public static class DataFiles
{
    /// <summary>Environment variable that points at a datasets folder (the one holding digits/, fashion-mnist-subset/).</summary>
    public const string EnvironmentVariable = "DEEPPREP_DATASETS";

    /// <summary>The candidate datasets folders, in search order (they need not exist).</summary>
    public static IReadOnlyList<string> SearchFolders()
    {
        var folders = new List<string>();
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) folders.Add(Path.GetFullPath(fromEnvironment));

        string assemblyFolder = Path.GetDirectoryName(typeof(DataFiles).Assembly.Location) is { Length: > 0 } folder
            ? folder
            : AppContext.BaseDirectory; // Location is empty when the assembly was loaded from bytes
        foreach (string start in new[] { assemblyFolder, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "datasets");
                if (!folders.Contains(candidate)) folders.Add(candidate);
            }
        return folders;
    }

    /// <summary>
    /// The full path of <c>datasets/<paramref name="relativePath"/></c> (a file), from the first search folder
    /// that holds it. Throws <see cref="FileNotFoundException"/> listing every path tried.
    /// </summary>
    /// <param name="relativePath">Path inside the datasets folder, e.g. "digits/digits.csv.gz".</param>
    /// <param name="howToFix">Extra advice appended to the error message.</param>
    public static string Find(string relativePath, string? howToFix = null)
    {
        var tried = new List<string>();
        foreach (string folder in SearchFolders())
        {
            string path = Path.Combine(folder, relativePath);
            if (File.Exists(path)) return path;
            tried.Add(path);
        }
        throw new FileNotFoundException(
            $"Could not find the data file '{relativePath}'. Looked in:\n  {string.Join("\n  ", tried)}\n" +
            $"Run from inside the DeepPrep repository, set the environment variable {EnvironmentVariable} to the folder that holds it, " +
            $"or pass its path explicitly.{(howToFix == null ? "" : " " + howToFix)}",
            relativePath);
    }
}
