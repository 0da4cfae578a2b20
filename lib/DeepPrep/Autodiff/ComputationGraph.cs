using System.Globalization;
using DeepPrep.Charts;

namespace DeepPrep;

/// <summary>
/// The computational graph behind a tensor, read back from what autodiff recorded: one node per tensor
/// (data, parameters and every op result) and one edge per input → op link. For teaching: draw the
/// graph of a small expression with its forward values and, after <c>Backward()</c>, its gradients.
/// </summary>
/// <remarks>
/// Only recorded ops appear: a tensor computed under <see cref="Autodiff.NoGrad"/> or from inputs that
/// need no gradient is a leaf. Intermediate gradients are shown only for tensors that called
/// <see cref="Tensor.RetainGrad"/> before <c>Backward()</c> (leaves keep theirs anyway).
/// </remarks>
public sealed class ComputationGraph
{
    /// <summary>One tensor in the graph.</summary>
    /// <param name="Id">Position in <see cref="Nodes"/>; inputs always come before the ops that use them.</param>
    /// <param name="Tensor">The tensor itself (its value, Grad, Op, Name).</param>
    /// <param name="Depth">Longest path from a leaf: 0 for leaves, 1 + the deepest input otherwise.</param>
    public sealed record Node(int Id, Tensor Tensor, int Depth)
    {
        /// <summary>The tensor's name, else its op, else "leaf".</summary>
        public string Name => Tensor.Name ?? Tensor.Op ?? "leaf";

        /// <summary>"name = value" for a scalar ("name [shape]" otherwise), plus " (op)" for op results.</summary>
        public string Label =>
            (Tensor.Size == 1 ? $"{Name} = {Format(Tensor.Item())}" : $"{Name} {Shapes.Format(Tensor.Shape)}")
            + (Tensor.Op != null && Tensor.Name != null ? $" ({Tensor.Op})" : "");

        /// <summary>"∂L = value" for a scalar with a gradient, null when none was kept.</summary>
        public string? GradLabel => Tensor.Grad is { Size: 1 } g ? $"grad = {Format(g.Item())}" : null;
    }

    /// <summary>An edge from an input tensor to the op result that consumed it.</summary>
    public sealed record Edge(int From, int To);

    /// <summary>Every tensor the root depends on, inputs before their consumers; the root is last.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>Input → output links, one per (input, op) pair, in the op's input order.</summary>
    public IReadOnlyList<Edge> Edges { get; }

    private ComputationGraph(List<Node> nodes, List<Edge> edges) { Nodes = nodes; Edges = edges; }

    /// <summary>The graph <paramref name="root"/> was computed by (following every recorded input, to the leaves).</summary>
    public static ComputationGraph Of(Tensor root)
    {
        // Post-order depth-first walk (iterative: long unrolled graphs would overflow recursion),
        // so each tensor is numbered after all of its inputs.
        var ids = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        var nodes = new List<Node>();
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        var onStack = new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { root };
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (tensor, next) = stack.Pop();
            var inputs = tensor.Inputs;
            if (inputs != null && next < inputs.Length)
            {
                stack.Push((tensor, next + 1));
                var input = inputs[next];
                if (!ids.ContainsKey(input) && onStack.Add(input)) stack.Push((input, 0));
                continue;
            }
            int depth = inputs == null ? 0 : 1 + inputs.Max(i => nodes[ids[i]].Depth);
            ids[tensor] = nodes.Count;
            nodes.Add(new Node(nodes.Count, tensor, depth));
        }
        var edges = new List<Edge>();
        foreach (var node in nodes)
            foreach (var input in node.Tensor.Inputs ?? [])
                edges.Add(new Edge(ids[input], node.Id));
        return new ComputationGraph(nodes, edges);
    }

    /// <summary>
    /// A picture of the graph: columns by depth (leaves on the left, the root on the right), grey edges,
    /// leaves and ops in two colours, each node labelled with its value and, below it, its gradient.
    /// </summary>
    public Figure ToFigure(string? title = null)
    {
        // Column: the depth, except that a leaf sits just left of its first consumer (shorter edges:
        // a bias added late is drawn next to that add, not in column 0). Row: rank within the column.
        var column = Nodes.Select(n => n.Depth).ToArray();
        foreach (var leaf in Nodes.Where(n => n.Tensor.IsLeaf))
        {
            var consumers = Edges.Where(e => e.From == leaf.Id).Select(e => Nodes[e.To].Depth).ToList();
            if (consumers.Count > 0) column[leaf.Id] = consumers.Min() - 1;
        }
        var x = new double[Nodes.Count];
        var y = new double[Nodes.Count];
        foreach (var group in Nodes.GroupBy(n => column[n.Id]))
        {
            int row = 0;
            foreach (var node in group) { x[node.Id] = column[node.Id]; y[node.Id] = -row++; }
        }
        var figure = new Figure();
        Rgb edgeColor = "#9a9a9a";
        foreach (var e in Edges)
            figure.AddLine(new[] { x[e.From], x[e.To] }, new[] { y[e.From], y[e.To] }, color: edgeColor);
        var leaves = Nodes.Where(n => n.Tensor.IsLeaf).ToList();
        var ops = Nodes.Where(n => !n.Tensor.IsLeaf).ToList();
        figure.AddScatter(leaves.Select(n => x[n.Id]), leaves.Select(n => y[n.Id]), "leaf: data or parameter", Palette.Color(0), size: 12);
        figure.AddScatter(ops.Select(n => x[n.Id]), ops.Select(n => y[n.Id]), "op result", Palette.Color(1), size: 12);
        foreach (var node in Nodes)
        {
            figure.Note(x[node.Id], y[node.Id] + 0.22, node.Label);
            if (node.GradLabel is string g) figure.Note(x[node.Id], y[node.Id] - 0.22, g, Palette.Color(5));
        }
        int maxDepth = Nodes.Max(n => n.Depth);
        int maxRows = Nodes.GroupBy(n => column[n.Id]).Max(c => c.Count());
        return figure.Title(title ?? "Computational graph").Legend(false)
            .Size(760, 140 + 110 * maxRows)
            .XAxis("forward →  (blue: leaves, data or parameters; orange: op results)", min: -0.6, max: maxDepth + 0.6)
            .YAxis("", min: -maxRows + 0.4, max: 0.6);
    }

    private static string Format(double v) => v.ToString(Math.Abs(v) >= 1e4 || (v != 0 && Math.Abs(v) < 1e-3) ? "0.###e+0" : "0.####", CultureInfo.InvariantCulture);
}
