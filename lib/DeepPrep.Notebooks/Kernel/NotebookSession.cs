using System.Reflection;
using System.Runtime.CompilerServices;

namespace DeepPrep.Notebooks.Kernel;

/// <summary>
/// What the runner learns about one notebook while it runs: which copy of the DeepPrep library its
/// cells loaded (each notebook gets its own, so static state such as the global seed never leaks
/// between notebooks) and which objects its cells showed.
/// </summary>
internal sealed class NotebookSession
{
    private readonly object gate = new();
    private readonly List<Assembly> libraries = [];
    private readonly ConditionalWeakTable<object, object> shown = [];

    /// <summary>The simple name of the library whose claims the runner checks.</summary>
    public const string LibraryName = "DeepPrep";

    public IReadOnlyList<Assembly> Libraries { get { lock (gate) return libraries.ToArray(); } }

    public void NoteLoaded(Assembly assembly)
    {
        lock (gate) if (!libraries.Contains(assembly)) libraries.Add(assembly);
    }

    public void NoteShown(object? value)
    {
        if (value == null || value.GetType().IsValueType) return;
        lock (gate) shown.AddOrUpdate(value, value);
    }

    public bool WasShown(object value) { lock (gate) return shown.TryGetValue(value, out _); }

    /// <summary>
    /// The notebook being run on this logical flow: set by the runner for the whole notebook, so it also covers
    /// the work done between cells (compiling a cell, formatting its value), not only the cell's own thread.
    /// </summary>
    public static NotebookSession? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    private static readonly AsyncLocal<NotebookSession?> current = new();

    static NotebookSession()
    {
        // Assemblies load on the thread that first needs them. Usually that is a cell's thread, whose CellOutputs
        // flow with it; but a top-level variable of a library type (var f64 = DType.Float64;) is a field of the
        // cell's submission class, and the library loads when Roslyn loads that class to run it, on the runner's
        // own flow. Missing that load would hide every claim of the notebook, so fall back to the ambient session.
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
        {
            if (e.LoadedAssembly.GetName().Name != LibraryName) return;
            (CellOutputs.Current?.Session ?? Current)?.NoteLoaded(e.LoadedAssembly);
        };
    }

    /// <summary>Makes sure the assembly-load hook is installed before any cell runs.</summary>
    public static void EnsureHooked() => RuntimeHelpers.RunClassConstructor(typeof(NotebookSession).TypeHandle);
}
