using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using DeepPrep.Formatting;

namespace DeepPrep;

/// <summary>
/// A statement a notebook makes about its own results, checked against the numbers it just produced:
/// <c>Claim.Less("the loss fell", lastLoss, firstLoss)</c>.
/// </summary>
/// <remarks>
/// A claim is shown as one line, ✓ in green when it holds and ✗ in red when it does not, followed by
/// the observed values, so a reader sees the evidence next to the statement. Make it the cell's last
/// expression (no semicolon) or call <c>display(claim)</c> / <c>claim.Display()</c> to show it.
/// DeepPrep's notebook runner reads <see cref="History"/> after every cell: a false claim, or one that
/// was never shown, fails the run. Nothing here throws: a false claim is a result to look at, not a crash.
/// </remarks>
[TypeFormatterSource(typeof(ClaimFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class Claim
{
    private static readonly object HistoryLock = new();
    private static readonly List<Claim> history = [];

    /// <summary>What the notebook asserts, in words ("the loss fell by at least half").</summary>
    public string Description { get; }

    /// <summary>True when the statement is true for the observed values.</summary>
    public bool Holds { get; }

    /// <summary>The evidence: each value the decision was made from, with its name.</summary>
    public IReadOnlyList<(string Name, object? Value)> Observed { get; }

    // Where the claim was made (the first caller outside DeepPrep), so a runner can point at the cell and line.
    internal string? SourceFile { get; }
    internal int SourceLine { get; }

    private Claim(string description, bool holds, (string Name, object? Value)[] observed)
    {
        Description = description;
        Holds = holds;
        Observed = observed;
        (SourceFile, SourceLine) = FindCaller();
        lock (HistoryLock) history.Add(this);
    }

    /// <summary>Every claim made so far in this process, oldest first (a snapshot).</summary>
    public static IReadOnlyList<Claim> History
    {
        get { lock (HistoryLock) return history.ToArray(); }
    }

    /// <summary>
    /// The general form: a statement, whether it holds, and the values it was decided from.
    /// <c>Claim.That("every run diverged", diverged == 3, ("diverged", diverged), ("runs", 3))</c>
    /// </summary>
    public static Claim That(string description, bool holds, params (string Name, object? Value)[] observed) =>
        new(description, holds, observed);

    /// <summary>Holds when <paramref name="a"/> &lt; <paramref name="b"/>. The argument expressions name the observed values.</summary>
    public static Claim Less(string description, double a, double b,
        [CallerArgumentExpression(nameof(a))] string aName = "a", [CallerArgumentExpression(nameof(b))] string bName = "b") =>
        new(description, a < b, [(aName, a), (bName, b)]);

    /// <summary>Holds when <paramref name="a"/> &gt; <paramref name="b"/>.</summary>
    public static Claim Greater(string description, double a, double b,
        [CallerArgumentExpression(nameof(a))] string aName = "a", [CallerArgumentExpression(nameof(b))] string bName = "b") =>
        new(description, a > b, [(aName, a), (bName, b)]);

    /// <summary>Holds when <paramref name="value"/> ≤ <paramref name="max"/>.</summary>
    public static Claim AtMost(string description, double value, double max,
        [CallerArgumentExpression(nameof(value))] string valueName = "value") =>
        new(description, value <= max, [(valueName, value), ("at most", max)]);

    /// <summary>Holds when <paramref name="value"/> ≥ <paramref name="min"/>.</summary>
    public static Claim AtLeast(string description, double value, double min,
        [CallerArgumentExpression(nameof(value))] string valueName = "value") =>
        new(description, value >= min, [(valueName, value), ("at least", min)]);

    /// <summary>Holds when <paramref name="low"/> ≤ <paramref name="value"/> ≤ <paramref name="high"/>.</summary>
    public static Claim InRange(string description, double value, double low, double high,
        [CallerArgumentExpression(nameof(value))] string valueName = "value") =>
        new(description, low <= value && value <= high, [(valueName, value), ("range", new ClaimRange(low, high))]);

    /// <summary>Holds when |<paramref name="actual"/> − <paramref name="expected"/>| ≤ <paramref name="tolerance"/>.</summary>
    public static Claim Close(string description, double actual, double expected, double tolerance,
        [CallerArgumentExpression(nameof(actual))] string actualName = "actual",
        [CallerArgumentExpression(nameof(expected))] string expectedName = "expected")
    {
        double difference = Math.Abs(actual - expected);
        // NaN never counts as close: every comparison with NaN is false.
        return new(description, difference <= tolerance,
            [(actualName, actual), (expectedName, expected), ("|difference|", difference), ("tolerance", tolerance)]);
    }

    /// <summary>"✓ description (name = value, …)" or "✗ FALSE: description (…)".</summary>
    public override string ToString() =>
        (Holds ? "✓ " : "✗ FALSE: ") + Description + (Observed.Count == 0 ? "" : " (" + ObservedText() + ")");

    /// <summary>The observed values as "name = value, …", numbers with 4 significant digits.</summary>
    public string ObservedText() => string.Join(", ", Observed.Select(o => FormatObserved(o.Name, o.Value)));

    // A literal argument (Claim.Less("…", loss, 0.5)) is its own name: show "0.5", not "0.5 = 0.5". A name that
    // merely looks like a number ("10" for depth 10, holding an accuracy) is a real name and is kept.
    private static string FormatObserved(string name, object? value)
    {
        string text = FormatValue(value);
        bool literal = name == text || IsLiteralOf(name, value);
        return literal ? text : $"{name} = {text}";
    }

    // True when name is a numeric literal (1e-6, 0.5f, 3m) whose value is the observed value. A float literal
    // widened to double differs from its decimal text in the 8th digit, hence the relative tolerance.
    private static bool IsLiteralOf(string name, object? value)
    {
        if (!double.TryParse(name.TrimEnd('d', 'D', 'f', 'F', 'm', 'M'), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
            return false;
        double observed = value switch { double d => d, float f => f, int i => i, long l => l, decimal m => (double)m, _ => double.NaN };
        return parsed == observed || Math.Abs(parsed - observed) <= 1e-7 * Math.Abs(parsed);
    }

    internal static string FormatValue(object? value) => value switch
    {
        null => "null",
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string FormatNumber(double v) =>
        double.IsNaN(v) || double.IsInfinity(v) ? v.ToString(CultureInfo.InvariantCulture)
        : v == Math.Floor(v) && Math.Abs(v) < 1e15 ? v.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(v) < 1e-4 || Math.Abs(v) >= 1e6 ? v.ToString("0.###e+0", CultureInfo.InvariantCulture)
        : v.ToString("G4", CultureInfo.InvariantCulture);

    private static (string? File, int Line) FindCaller()
    {
        // The first frame outside this assembly is the notebook cell (or the learner's helper) that made the claim.
        var frames = new StackTrace(1, fNeedFileInfo: true).GetFrames();
        foreach (var frame in frames)
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType?.Assembly == typeof(Claim).Assembly) continue;
            return (frame.GetFileName(), frame.GetFileLineNumber());
        }
        return (null, 0);
    }
}

/// <summary>An inclusive interval shown as [low, high] among a claim's observed values.</summary>
public readonly record struct ClaimRange(double Low, double High)
{
    public override string ToString() => $"[{Claim.FormatValue(Low)}, {Claim.FormatValue(High)}]";
}
