using DeepPrep.Backends;

namespace DeepPrep;

// Sum, mean, max, min over axes. Backward spreads ∂L/∂(reduced) back over the reduced axes.
public sealed partial class Tensor
{
    /// <summary>Reduces the given axes one at a time through the backend; the result keeps size-1 dims there.</summary>
    private static Tensor ReduceKeepDims(ReduceOp op, Tensor x, int[] axes)
    {
        var current = x;
        if (!IsAscending(axes)) { axes = (int[])axes.Clone(); Array.Sort(axes); }
        Span<int> outShape = stackalloc int[x.Rank]; // the rank stays: reduced axes are kept as size 1
        for (int i = axes.Length - 1; i >= 0; i--) // last axis first
        {
            int axis = axes[i];
            var shape = current.shape;
            int outer = 1, inner = 1;
            for (int d = 0; d < axis; d++) outer *= shape[d];
            for (int d = axis + 1; d < shape.Length; d++) inner *= shape[d];
            shape.CopyTo(outShape);
            outShape[axis] = 1;
            var y = Uninitialized((ReadOnlySpan<int>)outShape, x.DType); // Reduce writes every output
            if (x.DType == DType.Float32) Kernels.Reduce(op, current.Span<float>(), outer, shape[axis], inner, y.Span<float>());
            else Kernels.Reduce(op, current.Span<double>(), outer, shape[axis], inner, y.Span<double>());
            current = y;
        }
        return current;
    }

    private static bool IsAscending(int[] axes)
    {
        for (int i = 1; i < axes.Length; i++) if (axes[i] <= axes[i - 1]) return false;
        return true;
    }

    /// <summary>The sum of every element as a tensor with one element (all dims kept as 1), in the order <see cref="Sum(int[], bool)"/> adds them. No graph.</summary>
    internal static Tensor SumAllAxes(Tensor x) => ReduceKeepDims(ReduceOp.Sum, x, AllAxes(x.Rank));

    // [0, 1, …, rank − 1] for each small rank, made once: "all axes" is the most common reduction. Never modified.
    private static readonly int[][] AllAxesByRank = Enumerable.Range(0, 9).Select(r => Enumerable.Range(0, r).ToArray()).ToArray();

    private static int[] AllAxes(int rank) => rank < AllAxesByRank.Length ? AllAxesByRank[rank] : Enumerable.Range(0, rank).ToArray();

    private int[] ResolveAxes(int[]? axes, string op)
    {
        if (axes == null || axes.Length == 0) return AllAxes(Rank);
        if (axes.Length == 1) return [Shapes.NormalizeAxis(axes[0], Rank, op)]; // the usual case, without LINQ
        var resolved = axes.Select(a => Shapes.NormalizeAxis(a, Rank, op)).Distinct().ToArray();
        return resolved;
    }

    private static int[] DropAxes(int[] shape, int[] axes)
    {
        var kept = new int[shape.Length - axes.Length]; // axes are distinct and in range (ResolveAxes)
        for (int d = 0, k = 0; d < shape.Length; d++)
            if (Array.IndexOf(axes, d) < 0) kept[k++] = shape[d];
        return kept;
    }

    /// <summary>Sum over <paramref name="axes"/> (all axes if none). keepDims leaves size-1 dims in their place.</summary>
    public Tensor Sum(int[]? axes = null, bool keepDims = false)
    {
        var x = this;
        var ax = ResolveAxes(axes, "sum");
        var kept = ReduceKeepDims(ReduceOp.Sum, x, ax);
        var y = keepDims ? kept : kept.ReshapeNoGraph(DropAxes(kept.shape, ax));
        // ∂(Σx)/∂x_i = 1: every input element receives the gradient of the sum it went into.
        return Autodiff.Record(y, "sum", [x], g => [g.ReshapeNoGraph(kept.shape).BroadcastTo(x.shape)]);
    }

    /// <summary>Sum over one axis.</summary>
    public Tensor Sum(int axis, bool keepDims = false) => Sum([axis], keepDims);

    /// <summary>Arithmetic mean over <paramref name="axes"/> (all axes if none).</summary>
    public Tensor Mean(int[]? axes = null, bool keepDims = false)
    {
        var ax = ResolveAxes(axes, "mean");
        long count = 1;
        foreach (int a in ax) count *= shape[a];
        if (count == 0) throw new InvalidOperationException($"Mean of an empty tensor (shape {Shapes.Format(shape)}) is undefined.");
        return Sum(ax, keepDims) * (1.0 / count);
    }

    /// <summary>Mean over one axis.</summary>
    public Tensor Mean(int axis, bool keepDims = false) => Mean([axis], keepDims);

    /// <summary>Maximum over <paramref name="axes"/> (all if none). The gradient is shared equally among tied maxima.</summary>
    public Tensor Max(int[]? axes = null, bool keepDims = false) => Extreme(ReduceOp.Max, axes, keepDims, "max");

    public Tensor Max(int axis, bool keepDims = false) => Max([axis], keepDims);

    /// <summary>Minimum over <paramref name="axes"/> (all if none). The gradient is shared equally among tied minima.</summary>
    public Tensor Min(int[]? axes = null, bool keepDims = false) => Extreme(ReduceOp.Min, axes, keepDims, "min");

    public Tensor Min(int axis, bool keepDims = false) => Min([axis], keepDims);

    private Tensor Extreme(ReduceOp op, int[]? axes, bool keepDims, string name)
    {
        var x = this;
        var ax = ResolveAxes(axes, name);
        if (ax.Any(a => shape[a] == 0)) throw new InvalidOperationException($"{name} over an empty axis (shape {Shapes.Format(shape)}) is undefined.");
        var kept = ReduceKeepDims(op, x, ax);
        var y = keepDims ? kept : kept.ReshapeNoGraph(DropAxes(kept.shape, ax));
        return Autodiff.Record(y, name, [x], g =>
        {
            // Mask of the positions that attained the extreme, split equally between ties.
            var hit = op == ReduceOp.Max ? GreaterEqualMask(x, kept) : GreaterEqualMask(kept, x);
            var ties = ReduceKeepDims(ReduceOp.Sum, hit, ax);
            return [hit * (g.ReshapeNoGraph(kept.shape) / ties)];
        });
    }

    /// <summary>Index of the largest value along <paramref name="axis"/> for each position of the other axes (first on ties). Not differentiable.</summary>
    public int[] ArgMax(int axis = -1)
    {
        int a = Shapes.NormalizeAxis(axis, Rank, "ArgMax");
        int outer = 1, inner = 1, n = shape[a];
        for (int d = 0; d < a; d++) outer *= shape[d];
        for (int d = a + 1; d < Rank; d++) inner *= shape[d];
        var result = new int[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                double bestValue = double.NegativeInfinity;
                for (int k = 0; k < n; k++)
                {
                    double v = GetFlat((o * n + k) * inner + i);
                    if (v > bestValue || (double.IsNaN(v) && !double.IsNaN(bestValue))) { bestValue = v; best = k; }
                }
                result[o * inner + i] = best;
            }
        return result;
    }
}
