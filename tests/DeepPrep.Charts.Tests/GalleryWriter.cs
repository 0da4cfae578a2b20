namespace DeepPrep.Charts.Tests;

/// <summary>
/// Writes every sample figure as SVG and as a standalone HTML page to artifacts/chart-gallery, for looking
/// at by eye (screenshots) and for the browser tests. Also checks that writing files works.
/// </summary>
public class GalleryWriter
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeepPrep.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (DeepPrep.slnx).");
    }

    public static string Folder(string name)
    {
        var path = Path.Combine(RepoRoot(), "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public void Writes_svg_and_html_files_for_every_sample()
    {
        var folder = Folder("chart-gallery");
        foreach (var (name, make) in SampleFigures.All)
        {
            var figure = make();
            figure.SaveSvg(Path.Combine(folder, name + ".svg"));
            figure.SaveHtml(Path.Combine(folder, name + ".html"), plotlySrc: "");
            Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(folder, name + ".svg")));
            Assert.Contains("<!DOCTYPE html>", File.ReadAllText(Path.Combine(folder, name + ".html")));
        }
    }
}
