using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using DeepPrep.Notebooks.Scripting;

namespace DeepPrep.Notebooks.Kernel;

/// <summary>
/// Turns a value into a MIME bundle the way .NET Interactive does for types it has no package for
/// (shared/notebook-format.md §4): a type opts in with an attribute named TypeFormatterSourceAttribute,
/// whose formatter source hands out formatters found by member names, not by interfaces.
/// </summary>
internal static class ValueFormatter
{
    public const string Html = "text/html";
    public const string PlainText = "text/plain";

    private static readonly ConcurrentDictionary<Type, TypeFormatters> cache = new();

    /// <summary>
    /// The renderings of <paramref name="value"/>: the requested MIME types, else the type's preferred ones,
    /// else text/plain for strings and text/html for everything else.
    /// </summary>
    public static List<KeyValuePair<string, string>> Format(object? value, IReadOnlyList<string> requested)
    {
        var formatters = value == null ? TypeFormatters.None : cache.GetOrAdd(value.GetType(), Discover);
        IReadOnlyList<string> mimeTypes =
            requested.Count > 0 ? requested
            : formatters.PreferredMimeTypes is { Length: > 0 } preferred ? preferred
            : value is string ? [PlainText]
            : [Html];

        var bundle = new List<KeyValuePair<string, string>>();
        foreach (var mime in mimeTypes.Distinct())
            bundle.Add(new(mime, FormatOne(value, mime, formatters)));
        return bundle;
    }

    private static string FormatOne(object? value, string mime, TypeFormatters formatters)
    {
        if (value is HtmlContent html && mime == Html) return html.Html;
        foreach (var formatter in formatters.All)
        {
            if (formatter.MimeType != mime || !formatter.Accepts(value!)) continue;
            var writer = new StringWriter();
            if (formatter.Format(value!, writer)) return writer.ToString();
        }
        return Default(value, mime);
    }

    /// <summary>What .NET Interactive shows for a type without a formatter: its ToString(), HTML-encoded in a &lt;pre&gt;.</summary>
    public static string Default(object? value, string mime)
    {
        string text = value == null ? "<null>" : value.ToString() ?? "";
        return mime == Html ? $"<div class=\"dni-plaintext\"><pre>{WebUtility.HtmlEncode(text)}</pre></div>" : text;
    }

    private static TypeFormatters Discover(Type type)
    {
        // The attribute may sit on the type, a base type or an interface; it is matched by name only.
        var attribute = FindSourceAttribute(type);
        if (attribute == null) return TypeFormatters.None;

        var attributeType = attribute.GetType();
        var sourceType = attributeType.GetProperty("FormatterSourceType")?.GetValue(attribute) as Type
            ?? throw new FormatterException($"{type.FullName}: its TypeFormatterSourceAttribute has no FormatterSourceType.");
        var preferred = attributeType.GetProperty("PreferredMimeTypes")?.GetValue(attribute) as string[];

        object source;
        try { source = Activator.CreateInstance(sourceType, nonPublic: true)!; }
        catch (Exception e) { throw new FormatterException($"{sourceType.FullName} (formatter source of {type.FullName}) could not be created: {e.Message}"); }
        var create = sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
            ?? throw new FormatterException($"{sourceType.FullName} has no public CreateTypeFormatters() method.");

        var formatters = new List<ConventionFormatter>();
        if (create.Invoke(source, null) is IEnumerable created)
            foreach (var formatter in created)
                if (formatter != null) formatters.Add(ConventionFormatter.Create(formatter));
        return new TypeFormatters(formatters, preferred);
    }

    private static Attribute? FindSourceAttribute(Type type)
    {
        static Attribute? On(Type t) =>
            t.GetCustomAttributes(inherit: true).OfType<Attribute>().FirstOrDefault(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        return On(type) ?? type.GetInterfaces().Select(On).FirstOrDefault(a => a != null);
    }

    private sealed record TypeFormatters(IReadOnlyList<ConventionFormatter> All, string[]? PreferredMimeTypes)
    {
        public static readonly TypeFormatters None = new([], null);
    }

    /// <summary>One formatter object, used through the members the convention names.</summary>
    private sealed class ConventionFormatter
    {
        private readonly object target;
        private readonly MethodInfo format;
        private readonly Type? forType;

        private ConventionFormatter(object target, string mimeType, MethodInfo format, Type? forType)
        {
            this.target = target;
            MimeType = mimeType;
            this.format = format;
            this.forType = forType;
        }

        public string MimeType { get; }

        public bool Accepts(object value) => forType == null || forType.IsInstanceOfType(value);

        public static ConventionFormatter Create(object formatter)
        {
            var type = formatter.GetType();
            var mime = type.GetProperty("MimeType")?.GetValue(formatter) as string
                ?? throw new FormatterException($"Formatter {type.FullName} has no public string MimeType property.");
            var formats = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name == "Format" && m.ReturnType == typeof(bool)
                    && m.GetParameters() is [var p0, var p1] && p0.ParameterType == typeof(object) && p1.ParameterType == typeof(TextWriter))
                .ToList();
            if (formats.Count != 1)
                throw new FormatterException($"Formatter {type.FullName} must have exactly one public bool Format(object, TextWriter) method.");
            var forType = type.GetProperty("Type")?.GetValue(formatter) as Type;
            return new ConventionFormatter(formatter, mime, formats[0], forType);
        }

        public bool Format(object value, TextWriter writer)
        {
            try { return (bool)format.Invoke(target, [value, writer])!; }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                throw new FormatterException($"The {MimeType} formatter of {value.GetType().FullName} threw {e.InnerException.GetType().Name}: {e.InnerException.Message}", e.InnerException);
            }
        }
    }
}

/// <summary>A type's formatters broke the convention or threw: the cell fails with this message.</summary>
internal sealed class FormatterException(string message, Exception? inner = null) : Exception(message, inner);
