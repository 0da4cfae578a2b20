using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeepPrep.Notebooks.Site;

/// <summary>
/// Colours C# for the site from Roslyn's own parse of the cell (syntax only, no build needed): keywords,
/// strings, numbers, comments and directives. The output reproduces the source text exactly.
/// </summary>
internal static class CodeHighlighter
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    public static string ToHtml(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, ScriptParse).GetRoot();
        var html = new StringBuilder();
        foreach (var token in root.DescendantTokens(descendIntoTrivia: false))
        {
            foreach (var trivia in token.LeadingTrivia) AppendTrivia(html, trivia);
            Append(html, token.Text, ClassOf(token));
            foreach (var trivia in token.TrailingTrivia) AppendTrivia(html, trivia);
        }
        return html.ToString();
    }

    private static string? ClassOf(SyntaxToken token)
    {
        var kind = token.Kind();
        if (SyntaxFacts.IsKeywordKind(kind)) return "kw";
        if (kind == SyntaxKind.IdentifierToken && token.Text is "var" or "await" or "async" or "nameof" or "dynamic" or "record" or "init" or "required" or "with")
            return "kw";
        return kind switch
        {
            SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringStartToken
                or SyntaxKind.InterpolatedStringEndToken or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.InterpolatedRawStringEndToken
                or SyntaxKind.InterpolatedSingleLineRawStringStartToken or SyntaxKind.InterpolatedMultiLineRawStringStartToken
                or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8StringLiteralToken => "str",
            SyntaxKind.NumericLiteralToken => "num",
            SyntaxKind.IdentifierToken when token.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax => "type",
            _ => null,
        };
    }

    private static void AppendTrivia(StringBuilder html, SyntaxTrivia trivia)
    {
        var kind = trivia.Kind();
        string? css = kind switch
        {
            SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia or SyntaxKind.SingleLineDocumentationCommentTrivia
                or SyntaxKind.MultiLineDocumentationCommentTrivia or SyntaxKind.DisabledTextTrivia => "com",
            _ when trivia.IsDirective || kind is SyntaxKind.ShebangDirectiveTrivia or SyntaxKind.BadDirectiveTrivia => "dir",
            _ => null,
        };
        Append(html, trivia.ToFullString(), css);
    }

    private static void Append(StringBuilder html, string text, string? css)
    {
        if (text.Length == 0) return;
        var encoded = WebUtility.HtmlEncode(text);
        if (css == null) html.Append(encoded);
        else html.Append("<span class=\"").Append(css).Append("\">").Append(encoded).Append("</span>");
    }
}
