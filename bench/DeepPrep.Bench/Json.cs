using System.Globalization;
using System.Text;

namespace DeepPrep.Bench;

/// <summary>Writes one flat JSON object per line, the format the peer script prints.</summary>
internal static class Json
{
    public static void Line(params (string Key, object Value)[] fields)
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append('"').Append(fields[i].Key).Append("\": ");
            sb.Append(fields[i].Value switch
            {
                string s => "\"" + s.Replace("\"", "\\\"") + "\"",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
                long or int => Convert.ToString(fields[i].Value, CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                var o => "\"" + o + "\"",
            });
        }
        Console.WriteLine(sb.Append('}'));
    }
}
