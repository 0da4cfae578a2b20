using DeepPrep.Data;

namespace DeepPrep.Tests.Data;

// Finding datasets/: by walking up from the assembly, and by the DEEPPREP_DATASETS override.
// The override changes an environment variable, so these tests run in the non-parallel collection.
[Collection(GlobalStateCollection.Name)]
public sealed class DataFilesTests
{
    [Fact]
    public void Find_WalksUpFromTheAssemblyToTheRepositoryDatasetsFolder()
    {
        string path = DataFiles.Find(Path.Combine("digits", "digits.csv.gz"));
        Assert.True(File.Exists(path));
        string datasets = Path.GetDirectoryName(Path.GetDirectoryName(path))!;
        Assert.Equal("datasets", Path.GetFileName(datasets));
        Assert.True(File.Exists(Path.Combine(datasets, "README.md")), "the datasets folder found should be the repository's, with its README");
    }

    [Fact]
    public void Find_Missing_ListsEveryPathTried()
    {
        string relative = Path.Combine("nope", "missing-" + Guid.NewGuid().ToString("N") + ".bin");
        var e = Assert.Throws<FileNotFoundException>(() => DataFiles.Find(relative, "Try harder."));
        var folders = DataFiles.SearchFolders();
        Assert.True(folders.Count >= 2);
        foreach (string folder in folders) Assert.Contains(Path.Combine(folder, relative), e.Message);
        Assert.Contains(DataFiles.EnvironmentVariable, e.Message);
        Assert.EndsWith("Try harder.", e.Message);
    }

    [Fact]
    public void EnvironmentVariable_IsSearchedFirst()
    {
        string folder = Path.Combine(Path.GetTempPath(), "deepprep-datasets-" + Guid.NewGuid().ToString("N"));
        string relative = Path.Combine("digits", "digits.csv.gz");
        Directory.CreateDirectory(Path.Combine(folder, "digits"));
        File.Copy(DataFiles.Find(relative), Path.Combine(folder, relative));
        string? saved = Environment.GetEnvironmentVariable(DataFiles.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataFiles.EnvironmentVariable, folder);
            Assert.Equal(Path.GetFullPath(folder), DataFiles.SearchFolders()[0]);
            Assert.Equal(Path.Combine(Path.GetFullPath(folder), relative), DataFiles.Find(relative));
            Assert.Equal(1797, Datasets.Digits(dtype: DType.Float64).Count);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataFiles.EnvironmentVariable, saved);
            Directory.Delete(folder, recursive: true);
        }
    }
}
