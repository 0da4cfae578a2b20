namespace DeepPrep;

// The autodiff side of a tensor: its gradient, the op that made it, and Backward().
public sealed partial class Tensor
{
    private bool requiresGrad;
    private string? op;

    /// <summary>∂L/∂this, filled by <see cref="Backward"/> for leaves (parameters) and tensors that called <see cref="RetainGrad"/>. Accumulates across calls until <see cref="ZeroGrad"/>.</summary>
    public Tensor? Grad { get; private set; }

    /// <summary>
    /// True if gradients flow to this tensor. Set it on parameters (leaves); tensors computed from them
    /// get it automatically.
    /// </summary>
    public bool RequiresGrad
    {
        get => requiresGrad;
        set
        {
            if (!value && Inputs != null)
                throw new InvalidOperationException($"RequiresGrad can only be turned off on a leaf; this tensor was made by '{op}'. Use Detach().");
            requiresGrad = value;
        }
    }

    /// <summary>The op that produced this tensor ("matmul", "relu", …), or null for data and parameters.</summary>
    public string? Op => op;

    /// <summary>True for tensors not computed by a recorded op: data and parameters.</summary>
    public bool IsLeaf => Inputs == null;

    internal Tensor[]? Inputs { get; private set; }
    internal Func<Tensor, Tensor?[]>? BackwardFn { get; private set; }
    internal bool RetainsGrad { get; private set; }

    /// <summary>During a backward pass: the gradient that has flowed into this tensor so far (null otherwise).</summary>
    internal Tensor? PendingGrad;

    /// <summary>The number of the last backward pass whose graph walk reached this tensor (marks it visited).</summary>
    internal int VisitMark;

    internal void SetGraph(string opName, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        op = opName;
        Inputs = inputs;
        BackwardFn = backward;
        requiresGrad = true;
    }

    // The object behind the backward function this tensor had before a BufferPool brought it back (see ReuseNode).
    private object? spareNode;

    /// <summary>Clears what the last op recorded here, keeping its backward object for <see cref="ReuseNode{T}"/>.</summary>
    private void ForgetGraph()
    {
        spareNode = BackwardFn?.Target;
        op = null;
        Inputs = null;
        BackwardFn = null;
        requiresGrad = false;
        RetainsGrad = false;
        Grad = null;
        PendingGrad = null;
    }

    /// <summary>
    /// For ops whose backward is an object (a class with the saved tensors and a Backward method) rather than a closure:
    /// the object this tensor's last incarnation used, if it was a <typeparamref name="T"/>, to be filled in again
    /// instead of allocated. Non-null only for a tensor that a <see cref="BufferPool"/> reusing tensors brought back.
    /// </summary>
    internal T? ReuseNode<T>() where T : class
    {
        var node = spareNode as T;
        spareNode = null;
        return node;
    }

    /// <summary>Also keep this intermediate tensor's gradient in <see cref="Grad"/> (e.g. to plot ∂L/∂activation).</summary>
    public Tensor RetainGrad() { RetainsGrad = true; return this; }

    /// <summary>Marks this tensor as a parameter and returns it: <c>var w = Tensor.Randn([3, 2]).RequireGrad();</c></summary>
    public Tensor RequireGrad() { RequiresGrad = true; return this; }

    /// <summary>
    /// Backpropagation: computes ∂this/∂x for every tensor x this one depends on, adding it into x.Grad.
    /// Called on a scalar (a loss) with no argument, the seed is ∂L/∂L = 1; otherwise pass ∂L/∂this.
    /// </summary>
    public void Backward(Tensor? gradient = null)
    {
        if (IsReleased)
            throw new InvalidOperationException("Backward: this tensor was computed inside a BufferPool step that has ended, so its graph's storage was reused. Call Backward inside the step.");
        if (!RequiresGrad)
            throw new InvalidOperationException("Backward: this tensor does not depend on anything that requires a gradient. Did you set RequiresGrad on the parameters, or compute it inside NoGrad()?");
        if (gradient == null)
        {
            if (Size != 1) throw new InvalidOperationException($"Backward() without a gradient needs a scalar (one element), this tensor has shape {Shapes.Format(shape)}. Pass ∂L/∂this explicitly.");
            gradient = OnesLike(this);
        }
        else if (!Shapes.Equal(gradient.shape, shape) || gradient.DType != DType)
            throw new ArgumentException($"Backward: gradient has shape {Shapes.Format(gradient.shape)} ({gradient.DType.Name()}), the tensor has {Shapes.Format(shape)} ({DType.Name()}).");
        Autodiff.Backward(this, gradient);
    }

    internal void AccumulateGrad(Tensor g)
    {
        if (Grad == null) Grad = g.Detach().Clone(); // own copy: g may be shared with other tensors
        else Grad.AddInPlace(g);
    }

    /// <summary>Resets the accumulated gradient to zero (keeps the buffer).</summary>
    public void ZeroGrad() => Grad?.FillInPlace(0);

    /// <summary>The same values, cut from the graph: no gradient flows back through the result. Shares storage.</summary>
    public Tensor Detach() => new(data, shape) { Name = Name };

    /// <summary>this += other, elementwise, in place and outside the graph. Shapes must match exactly.</summary>
    public void AddInPlace(Tensor other, double scale = 1)
    {
        if (!Shapes.Equal(shape, other.shape) || DType != other.DType)
            throw new ArgumentException($"AddInPlace: {Shapes.Format(shape)} ({DType.Name()}) and {Shapes.Format(other.shape)} ({other.DType.Name()}) differ.");
        // scale = 1 (accumulating a gradient) is a plain vector add: 1·o is exact, so the result is the same.
        if (scale == 1)
        {
            if (data is float[] f1) System.Numerics.Tensors.TensorPrimitives.Add(f1, other.F32, f1);
            else System.Numerics.Tensors.TensorPrimitives.Add(F64, other.F64, F64);
        }
        else if (data is float[] f)
        {
            var o = other.F32;
            float s = (float)scale;
            for (int i = 0; i < f.Length; i++) f[i] += s * o[i];
        }
        else
        {
            var d = F64; var o = other.F64;
            for (int i = 0; i < d.Length; i++) d[i] += scale * o[i];
        }
    }
}
