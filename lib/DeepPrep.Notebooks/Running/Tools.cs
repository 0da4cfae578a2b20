using System.Diagnostics;
using System.Text;

namespace DeepPrep.Notebooks.Running;

/// <summary>The outside programs `run` needs before it can execute anything: dotnet (the library) and npm (plotly.js).</summary>
internal static class Tools
{
    public sealed record ProcessResult(int ExitCode, string Output);

    /// <summary>Builds the library in Release to its stable path (lib/DeepPrep/bin/DeepPrep.dll).</summary>
    public static Task<ProcessResult> BuildLibraryAsync(Repository repo) =>
        RunAsync("dotnet", ["build", repo.LibraryProject, "-c", "Release", "-nologo", "-v:q", "-nodeReuse:false", "-p:UseSharedCompilation=false"], repo.Root);

    /// <summary>Installs the npm packages of package.json (plotly.js and KaTeX for the site) if they are not there yet.</summary>
    public static async Task<ProcessResult?> EnsureNpmPackagesAsync(Repository repo)
    {
        bool installed = File.Exists(repo.PlotlyJs) && File.Exists(Path.Combine(repo.KatexDist, "katex.min.js"));
        if (installed || !File.Exists(Path.Combine(repo.Root, "package.json"))) return null;
        var command = File.Exists(Path.Combine(repo.Root, "package-lock.json")) ? "ci" : "install";
        try { return await RunAsync("npm", [command, "--no-audit", "--no-fund"], repo.Root); }
        catch (System.ComponentModel.Win32Exception e) { return new ProcessResult(-1, $"npm could not be started: {e.Message}"); }
    }

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // When the runner itself was started by `dotnet run` or `dotnet test`, MSBuild's variables would
        // leak into the nested build and point it at the wrong SDK state.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.Append(await stdout).Append(await stderr);
        return new ProcessResult(process.ExitCode, output.ToString());
    }
}
