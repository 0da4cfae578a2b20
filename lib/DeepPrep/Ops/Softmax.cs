using DeepPrep.Backends;

namespace DeepPrep;

// Softmax and log-softmax over the last axis, computed stably (subtract the row maximum first).
//   softmax:     y = eˣ / Σeˣ          ∂L/∂x = y ⊙ (g − Σ(g ⊙ y))
//   log-softmax: y = x − log Σeˣ       ∂L/∂x = g − softmax(x) · Σg
public sealed partial class Tensor
{
    private Tensor SoftmaxKernel(bool log, string name)
    {
        if (Rank == 0) throw new InvalidOperationException($"{name} needs at least one dimension.");
        int cols = shape[^1], rows = cols == 0 ? 0 : Size / cols;
        var y = Uninitialized(shape, DType); // the kernel writes every element; the shape array is shared (it never changes)
        if (DType == DType.Float32) Backend.Current.Softmax(Span<float>(), y.Span<float>(), rows, cols, log);
        else Backend.Current.Softmax(Span<double>(), y.Span<double>(), rows, cols, log);
        return y;
    }

    /// <summary>log-softmax over the last axis with no graph (the fused cross-entropy computes its own gradient).</summary>
    internal Tensor LogSoftmaxNoGraph() => SoftmaxKernel(log: true, "log_softmax");

    /// <summary>Softmax over the last axis: each row becomes positive and sums to 1.</summary>
    public Tensor Softmax()
    {
        var x = this;
        var y = SoftmaxKernel(log: false, "softmax");
        return Autodiff.Record(y, "softmax", [x], g => [y * (g - (g * y).Sum(-1, keepDims: true))]);
    }

    /// <summary>log(softmax(x)) over the last axis, without ever forming softmax (so no log(0)).</summary>
    public Tensor LogSoftmax()
    {
        var x = this;
        var y = SoftmaxKernel(log: true, "log_softmax");
        return Autodiff.Record(y, "log_softmax", [x], g => [g - y.Exp() * g.Sum(-1, keepDims: true)]);
    }
}
