namespace DeepPrep.Formatting;

/// <summary>
/// Tells a notebook host how to render a DeepPrep type, by convention rather than by package reference:
/// .NET Interactive (and DeepPrep's own runner) look for an attribute with exactly this name, create
/// <see cref="FormatterSourceType"/>, and ask it for formatters (see shared/notebook-format.md §4).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;

    /// <summary>A type with a public parameterless constructor and a public CreateTypeFormatters() method.</summary>
    public Type FormatterSourceType { get; }

    /// <summary>The MIME types a value of the type is shown as, in one bundle (e.g. text/html, text/plain).</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
