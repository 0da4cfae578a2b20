using System.Globalization;
using System.Text;

namespace DeepPrep;

// A readable ToString: values (long dimensions truncated with …), shape, dtype, and how it was made.
public sealed partial class Tensor
{
    /// <summary>How many values per dimension are shown at each end before truncating with "…".</summary>
    public const int PrintEdgeItems = 3;

    public override string ToString()
    {
        var sb = new StringBuilder("tensor(");
        if (Size == 0) sb.Append("[]");
        else AppendValues(sb, 0, 0, indent: 7);
        sb.Append(", shape=").Append(Shapes.Format(shape)).Append(", dtype=").Append(DType.Name());
        if (Name != null) sb.Append(", name=").Append(Name);
        if (op != null) sb.Append(", op=").Append(op);
        else if (RequiresGrad) sb.Append(", requires_grad");
        return sb.Append(')').ToString();
    }

    private void AppendValues(StringBuilder sb, int axis, int offset, int indent)
    {
        if (axis == Rank) { sb.Append(FormatNumber(GetFlat(offset))); return; }
        int n = shape[axis], stride = 1;
        for (int d = axis + 1; d < Rank; d++) stride *= shape[d];
        bool truncate = n > 2 * PrintEdgeItems;
        sb.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (truncate && i == PrintEdgeItems) { sb.Append(axis == Rank - 1 ? "…, " : "…,\n" + new string(' ', indent + axis + 1)); i = n - PrintEdgeItems; }
            AppendValues(sb, axis + 1, offset + i * stride, indent);
            if (i < n - 1) sb.Append(axis == Rank - 1 ? ", " : ",\n" + new string(' ', indent + axis + 1));
        }
        sb.Append(']');
    }

    private static string FormatNumber(double v) =>
        double.IsNaN(v) || double.IsInfinity(v) ? v.ToString(CultureInfo.InvariantCulture)
        : v != 0 && (Math.Abs(v) >= 1e5 || Math.Abs(v) < 1e-4) ? v.ToString("0.####e+0", CultureInfo.InvariantCulture)
        : v.ToString("0.0###", CultureInfo.InvariantCulture);
}
