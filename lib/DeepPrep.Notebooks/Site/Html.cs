using System.Globalization;
using System.Net;

namespace DeepPrep.Notebooks.Site;

/// <summary>Small helpers the site's pages share.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>"0.42 s", "12 ms", "1 min 3 s": a duration a reader takes in at a glance.</summary>
    public static string Duration(TimeSpan t) =>
        t.TotalSeconds < 1 ? $"{t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
        : t.TotalSeconds < 60 ? $"{t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : $"{(int)t.TotalMinutes} min {t.Seconds} s";

    public static string Page(string title, string body, IEnumerable<string> headExtras) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title>
        <link rel="stylesheet" href="assets/site.css">
        {string.Join("\n", headExtras)}
        </head>
        <body>
        {body}
        </body>
        </html>

        """;
}
