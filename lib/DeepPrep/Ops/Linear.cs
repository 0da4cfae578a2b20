using DeepPrep.Backends;

namespace DeepPrep;

// The dense layer's arithmetic as one op: y = x·W + b.
//   x: [N, in], W: [in, out], b: [out] (added to every row), y: [N, out]
//   ∂L/∂x = ∂L/∂y · Wᵀ               [N, out]·[out, in] = [N, in]
//   ∂L/∂W = xᵀ · ∂L/∂y               [in, N]·[N, out]   = [in, out]
//   ∂L/∂b = Σ over rows of ∂L/∂y     [out]  (b was copied to every row, so each copy's gradient adds up)
// Written as MatMul(x, W) + b it is the same arithmetic, in the same order, so the numbers are identical; what
// fusing saves is bookkeeping, which dominates small layers: one graph node instead of two, no broadcast
// shape/stride arrays, no intermediate x·W tensor, and the bias gradient summed straight into b's shape instead
// of being summed and reshaped by the generic broadcast-undo step.
public sealed partial class Tensor
{
    /// <summary>y = x·W + b for x [N, in], W [in, out], b [out] (or no bias): a dense layer in one op.</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias) => Linear(x, weight, bias, null, 0);

    /// <summary>
    /// y = f(x·W + b), the dense layer and its activation as one op (<see cref="Nn.Sequential"/> uses it for a Linear
    /// followed by an activation). The same kernels in the same order as the two ops, so the same numbers; what it
    /// saves is one graph node, one output tensor and one pass over memory per layer. Backward: with z = x·W + b,
    /// ∂L/∂z = ∂L/∂y · f′(z) first (the activation's local backward), then the linear backward above with ∂L/∂z.
    /// </summary>
    internal static Tensor Linear(Tensor x, Tensor weight, Tensor? bias, UnaryOp? activation, double alpha)
    {
        if (x.Rank != 2 || weight.Rank != 2 || x.shape[1] != weight.shape[0])
            throw new ArgumentException($"linear: input {Shapes.Format(x.shape)} and weight {Shapes.Format(weight.shape)} do not fit: expected [N, in] and [in, out].");
        if (x.DType != weight.DType || (bias != null && bias.DType != x.DType))
            throw new ArgumentException($"linear: dtypes differ (input {x.DType.Name()}, weight {weight.DType.Name()}{(bias != null ? ", bias " + bias.DType.Name() : "")}).");
        int n = x.shape[0], inFeatures = x.shape[1], outFeatures = weight.shape[1];
        if (bias != null && (bias.Rank != 1 || bias.shape[0] != outFeatures))
            throw new ArgumentException($"linear: bias {Shapes.Format(bias.shape)} does not match weight {Shapes.Format(weight.shape)}: expected [{outFeatures}].");

        var z = Uninitialized([n, outFeatures], x.DType);
        Gemm(x, false, weight, false, z, 1, n, outFeatures, inFeatures, accumulate: false);
        Tensor y;
        if (activation is UnaryOp op)
        {
            // Bias and activation in one pass where the backend can (same bits as the two kernels one after the other).
            y = Uninitialized(z.shape, z.DType);
            if (bias != null && Kernels.HasFusedEpilogue(op, n, outFeatures, z.DType)) BiasAndActivation(op, z, bias, y);
            else
            {
                if (bias != null) AddRowVector(z, bias);
                UnaryKernelInto(op, z, y, alpha);
            }
        }
        else
        {
            if (bias != null) AddRowVector(z, bias);
            y = z;
        }
        if (!Autodiff.IsEnabled || !(x.RequiresGrad || weight.RequiresGrad || bias is { RequiresGrad: true })) return y;
        var node = y.ReuseNode<LinearBackward>() ?? new LinearBackward();
        node.Save(x, weight, bias, z, y, activation, alpha);
        return Autodiff.Record(y, activation is UnaryOp named ? LinearOpNames[(int)named] : "linear", node.Inputs, node.Backward);
    }

    /// <summary>
    /// The linear op's backward pass, with what it needs from the forward pass: x, W, b, z = x·W + b and y = f(z).
    /// </summary>
    /// <remarks>
    /// Most ops write their backward as a closure (see Binary.cs). This one is a class because it runs on every training
    /// step: a closure is a new object each time, while a class instance can be filled in again when a
    /// <see cref="BufferPool"/> that reuses tensors brings y back (see <see cref="ReuseNode{T}"/>), so a step allocates nothing.
    /// What it keeps is also what a layer costs in memory during training: its input and its output until backward runs.
    /// </remarks>
    private sealed class LinearBackward
    {
        private Tensor x = null!, weight = null!, z = null!, y = null!;
        private Tensor? bias;
        private UnaryOp? activation;
        private double alpha;
        // [x, W] or [x, W, b], and their gradients in the same order: refilled, not reallocated, when the node is reused.
        private Tensor[] inputs = [];
        private Tensor?[] grads = [];

        /// <summary>This node's inputs, in the order its gradients come back: [x, W] or [x, W, b].</summary>
        public Tensor[] Inputs => inputs;

        /// <summary>∂L/∂y ↦ [∂L/∂x, ∂L/∂W] or [∂L/∂x, ∂L/∂W, ∂L/∂b] (made once: the delegate is an object too).</summary>
        public readonly Func<Tensor, Tensor?[]> Backward;

        public LinearBackward() => Backward = Run;

        public void Save(Tensor x, Tensor weight, Tensor? bias, Tensor z, Tensor y, UnaryOp? activation, double alpha)
        {
            (this.x, this.weight, this.bias, this.z, this.y, this.activation, this.alpha) = (x, weight, bias, z, y, activation, alpha);
            int count = bias == null ? 2 : 3;
            if (inputs.Length != count) (inputs, grads) = (new Tensor[count], new Tensor?[count]);
            inputs[0] = x;
            inputs[1] = weight;
            if (bias != null) inputs[2] = bias;
        }

        private Tensor?[] Run(Tensor g)
        {
            int n = x.shape[0], inFeatures = x.shape[1], outFeatures = weight.shape[1];
            var dz = g;
            Tensor? dx = null, dw = null, db = null;
            if (activation is UnaryOp op)
            {
                dz = Uninitialized(z.shape, z.DType);
                // The activation's backward, and the bias gradient (dz's column sums) in the same pass where the backend can.
                if (bias is { RequiresGrad: true } && Kernels.HasFusedEpilogue(op, n, outFeatures, z.DType))
                {
                    db = Uninitialized(bias.shape, z.DType);
                    ActivationBackwardAndColumnSums(op, z, y, g, dz, db);
                }
                else
                {
                    if (z.DType == DType.Float32) Kernels.UnaryBackward(op, z.Span<float>(), y.Span<float>(), g.Span<float>(), dz.Span<float>(), (float)alpha, 0f);
                    else Kernels.UnaryBackward(op, z.Span<double>(), y.Span<double>(), g.Span<double>(), dz.Span<double>(), alpha, 0.0);
                }
            }
            if (x.RequiresGrad) { dx = Uninitialized(x.shape, x.DType); Gemm(dz, false, weight, true, dx, 1, n, inFeatures, outFeatures, accumulate: false); }
            if (weight.RequiresGrad) { dw = Uninitialized(weight.shape, x.DType); Gemm(x, true, dz, false, dw, 1, inFeatures, outFeatures, n, accumulate: false); }
            if (bias is { RequiresGrad: true } && db == null) db = SumRows(dz, bias.shape);
            grads[0] = dx;
            grads[1] = dw;
            if (bias != null) grads[2] = db;
            return grads;
        }
    }

    // "linear+tanh", …: the fused op's name in a graph, one per activation, made once.
    private static readonly string[] LinearOpNames = Enum.GetValues<UnaryOp>().Select(op => "linear+" + MakeUnaryOpName(op)).ToArray();

    // Callers first ask Kernels.HasFusedEpilogue, so the fused kernels cannot decline here.
    private static void BiasAndActivation(UnaryOp op, Tensor z, Tensor bias, Tensor y)
    {
        int rows = z.shape[0], cols = z.shape[1];
        bool done = z.DType == DType.Float32
            ? Kernels.TryUnaryWithRowBias(op, z.Span<float>(), bias.Span<float>(), y.Span<float>(), rows, cols)
            : Kernels.TryUnaryWithRowBias(op, z.Span<double>(), bias.Span<double>(), y.Span<double>(), rows, cols);
        System.Diagnostics.Debug.Assert(done);
    }

    private static void ActivationBackwardAndColumnSums(UnaryOp op, Tensor z, Tensor y, Tensor g, Tensor dz, Tensor db)
    {
        int rows = z.shape[0], cols = z.shape[1];
        bool done = z.DType == DType.Float32
            ? Kernels.TryUnaryBackwardWithColumnSums(op, z.Span<float>(), y.Span<float>(), g.Span<float>(), dz.Span<float>(), db.Span<float>(), rows, cols)
            : Kernels.TryUnaryBackwardWithColumnSums(op, z.Span<double>(), y.Span<double>(), g.Span<double>(), dz.Span<double>(), db.Span<double>(), rows, cols);
        System.Diagnostics.Debug.Assert(done);
    }

    // b's strides as a [rows, cols] operand: the same row for every row. An array made once, not a constant span
    // (unoptimised Debug code makes a small object each time it reads a constant int span).
    private static readonly int[] RowBroadcastStrides = [0, 1];

    /// <summary>y[i, :] += b for every row i, in place (the bias add, through the backend's broadcasting kernel).</summary>
    private static void AddRowVector(Tensor y, Tensor b)
    {
        int cols = y.shape[1];
        ReadOnlySpan<int> shape = [y.shape[0], cols], yStrides = [cols, 1], bStrides = RowBroadcastStrides;
        if (y.DType == DType.Float32) Kernels.Binary(BinaryOp.Add, y.Span<float>(), yStrides, b.Span<float>(), bStrides, y.Span<float>(), shape);
        else Kernels.Binary(BinaryOp.Add, y.Span<double>(), yStrides, b.Span<double>(), bStrides, y.Span<double>(), shape);
    }

    /// <summary>The column sums of a [rows, cols] matrix, as a tensor of <paramref name="shape"/> (cols elements).</summary>
    private static Tensor SumRows(Tensor g, int[] shape)
    {
        var db = Uninitialized(shape, g.DType);
        int rows = g.shape[0], cols = g.shape[1];
        if (g.DType == DType.Float32) Kernels.Reduce(ReduceOp.Sum, g.Span<float>(), 1, rows, cols, db.Span<float>());
        else Kernels.Reduce(ReduceOp.Sum, g.Span<double>(), 1, rows, cols, db.Span<double>());
        return db;
    }
}
