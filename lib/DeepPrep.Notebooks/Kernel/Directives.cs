using System.Text.RegularExpressions;

namespace DeepPrep.Notebooks.Kernel;

/// <summary>A cell's code after its kernel directives were taken out, and what they asked for.</summary>
/// <param name="Code">The C# code, directive lines blanked so line numbers still match the cell.</param>
/// <param name="Time">#!time: report the cell's wall time.</param>
/// <param name="Error">Why the cell cannot run (a directive the runner rejects), or null.</param>
/// <param name="ErrorLine">The 1-based line of that directive.</param>
internal sealed record CellCode(string Code, bool Time, string? Error, int ErrorLine);

/// <summary>
/// The .NET Interactive directives a DeepPrep cell may use (shared/notebook-format.md §3):
/// #!csharp and its aliases (no-op), #!time; #r "file.dll" and #load are left to Roslyn.
/// Package directives and other kernels' magic commands are refused with a reason.
/// </summary>
internal static partial class Directives
{
    private static readonly HashSet<string> CSharpKernelNames = ["#!csharp", "#!c#", "#!C#"];

    public static CellCode Parse(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        bool time = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var name = line.Split(' ', '\t')[0];
                if (CSharpKernelNames.Contains(name)) { }
                else if (name == "#!time") time = true;
                else return Reject(source, i, $"The directive '{name}' is not supported by DeepPrep's runner (only #!csharp and #!time are). "
                    + "DeepPrep notebooks are plain C#: other kernels and magic commands would not run the same everywhere.");
                lines[i] = "";
            }
            else if (NuGetReference().IsMatch(line))
                return Reject(source, i, $"'{line}' asks for a NuGet package, which DeepPrep notebooks do not do: they run offline and reproducibly. "
                    + "Load the built library instead: #r \"../lib/DeepPrep/bin/DeepPrep.dll\" (after `dotnet build`).");
            else if (PackageSource().IsMatch(line))
                return Reject(source, i, $"'{line}' adds a package source, which DeepPrep notebooks do not use (they run offline).");
        }
        return new CellCode(string.Join('\n', lines), time, null, 0);
    }

    private static CellCode Reject(string source, int lineIndex, string message) => new(source, false, message, lineIndex + 1);

    [GeneratedRegex("""^#r\s+"nuget:""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();

    [GeneratedRegex("^#i\\s+\"")]
    private static partial Regex PackageSource();
}
