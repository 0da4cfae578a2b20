using DeepPrep.Notebooks.Running;
namespace DeepPrep.Notebooks;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var r = await new NotebookRunner().RunAsync(args[0]);
        Console.WriteLine(r.Executed.ToJson());
        foreach (var f in r.Failures) Console.WriteLine("FAIL " + f);
        foreach (var c in r.Cells) Console.WriteLine($"{c.Name} {c.Status} {c.Elapsed.TotalMilliseconds:0}ms");
        return r.Passed ? 0 : 1;
    }
}
