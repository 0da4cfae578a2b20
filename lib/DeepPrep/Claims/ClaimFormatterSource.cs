using System.Collections;
using System.Net;

namespace DeepPrep.Formatting;

/// <summary>
/// Renders a <see cref="Claim"/> in a notebook, found by the host through
/// <see cref="TypeFormatterSourceAttribute"/> (no package reference needed).
/// </summary>
/// <remarks>
/// HTML uses inline styles only, so it looks the same in VS Code, Jupyter, GitHub and DeepPrep's site.
/// The root element carries <c>data-claim="pass|fail"</c> so tests and pages can find claims.
/// Public (though only hosts use it) because a host may call the formatters late-bound.
/// </remarks>
public sealed class ClaimFormatterSource
{
    public IEnumerable CreateTypeFormatters() => new object[] { new HtmlFormatter(), new PlainTextFormatter() };

    public sealed class HtmlFormatter
    {
        public string MimeType => "text/html";
        public Type Type => typeof(Claim);

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not Claim claim) return false;
            string color = claim.Holds ? "#1a7f37" : "#cf222e";
            string background = claim.Holds ? "#dafbe1" : "#ffebe9";
            writer.Write($"<div class=\"deepprep-claim\" data-claim=\"{(claim.Holds ? "pass" : "fail")}\" ");
            writer.Write($"style=\"border-left:4px solid {color};background:{background};color:#1f2328;padding:4px 10px;margin:2px 0;font-family:system-ui,sans-serif;\">");
            writer.Write($"<span style=\"color:{color};font-weight:bold;\">{(claim.Holds ? "✓" : "✗ FALSE:")}</span> ");
            writer.Write(WebUtility.HtmlEncode(claim.Description));
            if (claim.Observed.Count > 0)
            {
                writer.Write("<span style=\"color:#59636e;font-family:ui-monospace,monospace;font-size:90%;\"> — ");
                writer.Write(WebUtility.HtmlEncode(claim.ObservedText()));
                writer.Write("</span>");
            }
            writer.Write("</div>");
            return true;
        }
    }

    public sealed class PlainTextFormatter
    {
        public string MimeType => "text/plain";
        public Type Type => typeof(Claim);

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not Claim claim) return false;
            writer.Write(claim.ToString());
            return true;
        }
    }
}
