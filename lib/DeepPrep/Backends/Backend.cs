namespace DeepPrep.Backends;

/// <summary>Which backend the tensor ops use. Swap it to compare kernels or to plug in a new device.</summary>
public static class Backend
{
    /// <summary>The backend every op calls. Defaults to the fast managed SIMD backend.</summary>
    public static IBackend Current { get; set; } = ManagedBackend.Instance;

    /// <summary>Runs <paramref name="action"/> with a different backend, then restores the previous one.</summary>
    public static void Using(IBackend backend, Action action)
    {
        var previous = Current;
        Current = backend;
        try { action(); } finally { Current = previous; }
    }
}
