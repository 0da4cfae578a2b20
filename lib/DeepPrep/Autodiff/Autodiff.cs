namespace DeepPrep;

/// <summary>
/// Reverse-mode automatic differentiation: the graph recorder and the backward pass.
/// </summary>
/// <remarks>
/// Every op computes its output, then calls <see cref="Record"/> with its inputs and a local
/// backward function: given ∂L/∂output, return ∂L/∂input for each input (the chain rule, one op at a time).
/// <see cref="Tensor.Backward"/> visits the graph in reverse topological order — every consumer of a
/// tensor before the tensor itself — so each tensor's gradient is complete before it is pushed further.
/// </remarks>
public static class Autodiff
{
    [ThreadStatic] private static int noGradDepth;

    /// <summary>False inside a <see cref="NoGrad"/> scope: ops then record nothing (evaluation, optimizer steps).</summary>
    public static bool IsEnabled => noGradDepth == 0;

    /// <summary>
    /// Turns off graph recording until disposed: <c>using (Autodiff.NoGrad()) { … }</c>.
    /// Use it for evaluation and for updating weights, where no gradient is needed.
    /// </summary>
    public static IDisposable NoGrad() => new NoGradScope();

    private sealed class NoGradScope : IDisposable
    {
        private bool disposed;
        public NoGradScope() => noGradDepth++;
        public void Dispose() { if (!disposed) { disposed = true; noGradDepth--; } }
    }

    /// <summary>
    /// Attaches <paramref name="output"/> to the graph if any input needs a gradient.
    /// <paramref name="backward"/> maps ∂L/∂output (output's shape) to one gradient per input, in order;
    /// null means "no gradient for this input". A gradient may have the broadcast shape: it is summed
    /// back to the input's shape automatically. The returned array is read at once and not kept, so an op may hand
    /// back the same array on every call (the dense layer and the losses do, to allocate nothing per step).
    /// </summary>
    public static Tensor Record(Tensor output, string op, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (noGradDepth > 0) return output;
        bool needed = false;
        foreach (var input in inputs) needed |= input.RequiresGrad;
        if (!needed) return output;
        output.SetGraph(op, inputs, backward);
        return output;
    }

    /// <summary>The backward pass from <paramref name="root"/>, seeded with ∂L/∂root = <paramref name="seed"/>.</summary>
    /// <remarks>
    /// The gradient flowing into each node is kept on the node itself (<see cref="Tensor.PendingGrad"/>) while the
    /// pass runs, not in a dictionary: a backward pass over a small network is dozens of nodes, and hashing them
    /// cost more than the arithmetic. Every pending gradient is cleared again before this method returns, even
    /// when a backward function throws, so nothing leaks into the next pass.
    /// </remarks>
    internal static void Backward(Tensor root, Tensor seed)
    {
        var walk = Walk.Rent();
        var order = walk.Order;
        noGradDepth++; // backward functions compute gradients, not graphs (as NoGrad(), without allocating a scope object)
        try
        {
            TopologicalOrder(root, walk);
            root.PendingGrad = seed;
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var node = order[i];
                var g = node.PendingGrad;
                if (g == null) continue; // nothing flowed here (e.g. a masked branch)
                node.PendingGrad = null;
                if (node.IsLeaf || node.RetainsGrad) node.AccumulateGrad(g);
                if (node.IsLeaf) continue;

                var inputGrads = node.BackwardFn!(g);
                var inputs = node.Inputs!;
                if (inputGrads.Length != inputs.Length)
                    throw new InvalidOperationException($"Backward of '{node.Op}' returned {inputGrads.Length} gradients for {inputs.Length} inputs.");
                for (int k = 0; k < inputs.Length; k++)
                {
                    var input = inputs[k];
                    var ig = inputGrads[k];
                    if (ig == null || !input.RequiresGrad) continue;
                    if (!Shapes.Equal(ig.shape, input.shape)) ig = SumToShape(ig, input.shape, node.Op!);
                    // Out-of-place add: a backward function may hand the same tensor to two inputs.
                    input.PendingGrad = input.PendingGrad is { } existing ? existing + ig : ig;
                }
            }
        }
        finally
        {
            noGradDepth--;
            foreach (var node in order) node.PendingGrad = null;
            walk.Return();
        }
    }

    /// <summary>
    /// The scratch space of one backward pass (the topological order and the depth-first stack), kept per thread
    /// and reused, so that a training step's backward pass allocates no bookkeeping of its own.
    /// </summary>
    private sealed class Walk
    {
        [ThreadStatic] private static Walk? spare;
        private static int lastMark;

        public readonly List<Tensor> Order = [];
        public readonly Stack<(Tensor Node, int NextInput)> Stack = new();
        /// <summary>Stamped on each node this walk visits: "visited" is node.VisitMark == Mark, no hash set needed.</summary>
        public int Mark;

        /// <summary>This thread's spare walk, or a new one if it is in use (a backward pass started inside another).</summary>
        public static Walk Rent()
        {
            var walk = spare ?? new Walk();
            spare = null;
            walk.Mark = Interlocked.Increment(ref lastMark);
            return walk;
        }

        public void Return()
        {
            Order.Clear();
            Stack.Clear();
            spare = this;
        }
    }

    /// <summary>Every tensor the root depends on that needs a gradient, each after all of its inputs.</summary>
    private static void TopologicalOrder(Tensor root, Walk walk)
    {
        // Iterative depth-first search: an RNN unrolled over many steps would overflow a recursive one.
        var order = walk.Order;
        var stack = walk.Stack;
        stack.Push((root, 0));
        root.VisitMark = walk.Mark;
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var inputs = node.Inputs;
            if (inputs != null && next < inputs.Length)
            {
                stack.Push((node, next + 1));
                var input = inputs[next];
                if (input.RequiresGrad && input.VisitMark != walk.Mark)
                {
                    input.VisitMark = walk.Mark;
                    stack.Push((input, 0));
                }
            }
            else order.Add(node);
        }
    }

    /// <summary>
    /// Undoes broadcasting in the backward pass: a tensor that was repeated along a dimension in the
    /// forward pass receives the sum of the gradients of all its copies.
    /// </summary>
    public static Tensor SumToShape(Tensor grad, IReadOnlyList<int> shape, string op)
    {
        if (Shapes.Equal(grad.shape, shape)) return grad;
        int extra = grad.Rank - shape.Count;
        if (extra < 0) throw new InvalidOperationException($"Backward of '{op}': gradient shape {Shapes.Format(grad.shape)} has fewer dimensions than input shape {Shapes.Format(shape)}.");
        var axes = new List<int>();
        for (int d = 0; d < grad.Rank; d++)
        {
            if (d < extra) axes.Add(d);
            else if (shape[d - extra] == 1 && grad.shape[d] != 1) axes.Add(d);
            else if (shape[d - extra] != grad.shape[d])
                throw new InvalidOperationException($"Backward of '{op}': gradient shape {Shapes.Format(grad.shape)} does not broadcast to input shape {Shapes.Format(shape)}.");
        }
        var summed = axes.Count == 0 ? grad : grad.Sum(axes.ToArray(), keepDims: true);
        return summed.Reshape(shape.ToArray());
    }
}
