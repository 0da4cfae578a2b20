using DeepPrep.Notebooks.Scripting;

// Declared in System, as .NET Interactive does, so `x.Display()` works in every cell with no using.
namespace System;

public static class DisplayExtensions
{
    /// <summary>Shows the value below the running cell: the same as <c>display(value, mimeTypes)</c>.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => NotebookKernel.display(value, mimeTypes);
}
