using System.Collections;
using System.Reflection;

namespace DeepPrep.Notebooks.Kernel;

/// <summary>One DeepPrep.Claim as the runner sees it, read by reflection from the notebook's own copy of the library.</summary>
internal sealed record ClaimSnapshot(object Instance, string Description, bool Holds, string Observed, string? SourceFile, int SourceLine);

/// <summary>
/// Reads <c>DeepPrep.Claim.History</c> from the copy of DeepPrep a notebook loaded. The runner does not
/// reference DeepPrep (that would be a second copy, with types unequal to the notebook's), so it goes by names.
/// </summary>
internal static class ClaimReader
{
    public const string ClaimTypeName = "DeepPrep.Claim";

    /// <summary>Every claim made so far with this copy of the library, oldest first.</summary>
    public static IReadOnlyList<ClaimSnapshot> History(Assembly library)
    {
        var claimType = library.GetType(ClaimTypeName);
        if (claimType?.GetProperty("History", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not IEnumerable history)
            return [];
        return history.Cast<object>().Select(Read).ToList();
    }

    public static bool IsClaim(object? value) => value?.GetType().FullName == ClaimTypeName;

    public static ClaimSnapshot Read(object claim)
    {
        var type = claim.GetType();
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        object? Get(string name) => type.GetProperty(name, Any)?.GetValue(claim);
        var observed = type.GetMethod("ObservedText", Type.EmptyTypes)?.Invoke(claim, null) as string ?? "";
        return new ClaimSnapshot(
            claim,
            Get("Description") as string ?? claim.ToString() ?? "",
            Get("Holds") is true,
            observed,
            Get("SourceFile") as string,
            Get("SourceLine") is int line ? line : 0);
    }
}
