using DeepPrep.Backends;

namespace DeepPrep;

// + − × ÷, max, min, pow between tensors, with NumPy broadcasting.
// Each backward returns gradients in the broadcast (output) shape; Autodiff sums them back to each input's shape.
public sealed partial class Tensor
{
    /// <summary>z = x ∘ y elementwise, broadcasting both to a common shape.</summary>
    internal static Tensor BinaryKernel(BinaryOp op, Tensor x, Tensor y, string name)
    {
        if (x.DType != y.DType)
            throw new ArgumentException($"{name}: dtypes differ ({x.DType.Name()} {Shapes.Format(x.shape)} and {y.DType.Name()} {Shapes.Format(y.shape)}); convert one with To().");
        var shape = Shapes.Broadcast(x.shape, y.shape, name);
        var z = Uninitialized(shape, x.DType); // every element is written
        var xs = Shapes.BroadcastStrides(x.shape, shape);
        var ys = Shapes.BroadcastStrides(y.shape, shape);
        if (x.DType == DType.Float32) Kernels.Binary(op, x.Span<float>(), xs, y.Span<float>(), ys, z.Span<float>(), shape);
        else Kernels.Binary(op, x.Span<double>(), xs, y.Span<double>(), ys, z.Span<double>(), shape);
        return z;
    }

    /// <summary>x + y. ∂/∂x = 1, ∂/∂y = 1.</summary>
    public static Tensor Add(Tensor x, Tensor y) =>
        Autodiff.Record(BinaryKernel(BinaryOp.Add, x, y, "add"), "add", [x, y], g => [g, g]);

    /// <summary>x − y. ∂/∂x = 1, ∂/∂y = −1.</summary>
    public static Tensor Sub(Tensor x, Tensor y) =>
        Autodiff.Record(BinaryKernel(BinaryOp.Sub, x, y, "sub"), "sub", [x, y], g => [g, y.RequiresGrad ? -g : null]);

    /// <summary>x · y elementwise. ∂/∂x = y, ∂/∂y = x.</summary>
    public static Tensor Mul(Tensor x, Tensor y) =>
        Autodiff.Record(BinaryKernel(BinaryOp.Mul, x, y, "mul"), "mul", [x, y],
            g => [x.RequiresGrad ? g * y : null, y.RequiresGrad ? g * x : null]);

    /// <summary>x / y elementwise. ∂/∂x = 1/y, ∂/∂y = −x/y².</summary>
    public static Tensor Div(Tensor x, Tensor y)
    {
        var z = BinaryKernel(BinaryOp.Div, x, y, "div");
        return Autodiff.Record(z, "div", [x, y],
            g => [x.RequiresGrad ? g / y : null, y.RequiresGrad ? -(g * z) / y : null]);
    }

    /// <summary>Elementwise maximum. The gradient goes to the larger input (to x on ties).</summary>
    public static Tensor Maximum(Tensor x, Tensor y)
    {
        var z = BinaryKernel(BinaryOp.Max, x, y, "maximum");
        return Autodiff.Record(z, "maximum", [x, y], g =>
        {
            var xWins = GreaterEqualMask(x, y);
            return [g * xWins, g * (1.0 - xWins)];
        });
    }

    /// <summary>Elementwise minimum. The gradient goes to the smaller input (to x on ties).</summary>
    public static Tensor Minimum(Tensor x, Tensor y)
    {
        var z = BinaryKernel(BinaryOp.Min, x, y, "minimum");
        return Autodiff.Record(z, "minimum", [x, y], g =>
        {
            var xWins = GreaterEqualMask(y, x);
            return [g * xWins, g * (1.0 - xWins)];
        });
    }

    /// <summary>x^y elementwise. ∂/∂x = y·x^(y−1), ∂/∂y = x^y·ln x.</summary>
    public static Tensor Pow(Tensor x, Tensor y)
    {
        var z = BinaryKernel(BinaryOp.Pow, x, y, "pow");
        return Autodiff.Record(z, "pow", [x, y],
            g => [x.RequiresGrad ? g * y * Pow(x, y - 1.0) : null, y.RequiresGrad ? g * z * x.Log() : null]);
    }

    /// <summary>1 where x ≥ y, else 0 (broadcast shape). Not differentiable; used for masks.</summary>
    public static Tensor GreaterEqualMask(Tensor x, Tensor y)
    {
        using var _ = Autodiff.NoGrad();
        // max(x, y) − y is 0 exactly where y ≥ x; compare through the kernels so the mask broadcasts.
        var shape = Shapes.Broadcast(x.shape, y.shape, "mask");
        var mask = Empty(shape, x.DType);
        var diff = BinaryKernel(BinaryOp.Sub, x, y, "mask");
        if (mask.DType == DType.Float32) NonNegative<float>(diff, mask); else NonNegative<double>(diff, mask);
        return mask;
    }

    private static void NonNegative<T>(Tensor diff, Tensor mask) where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> d = diff.Span<T>();
        var m = mask.Span<T>();
        for (int i = 0; i < m.Length; i++) m[i] = d[i] >= T.Zero ? T.One : T.Zero;
    }

    public static Tensor operator +(Tensor x, Tensor y) => Add(x, y);
    public static Tensor operator -(Tensor x, Tensor y) => Sub(x, y);
    public static Tensor operator *(Tensor x, Tensor y) => Mul(x, y);
    public static Tensor operator /(Tensor x, Tensor y) => Div(x, y);

    // With a plain number: x + 2, 1 − x, 0.5 · x, … (the number becomes a constant scalar tensor).
    public static Tensor operator +(Tensor x, double c) => Add(x, Scalar(c, x.DType));
    public static Tensor operator +(double c, Tensor x) => Add(Scalar(c, x.DType), x);
    public static Tensor operator -(Tensor x, double c) => Sub(x, Scalar(c, x.DType));
    public static Tensor operator -(double c, Tensor x) => Sub(Scalar(c, x.DType), x);
    public static Tensor operator *(Tensor x, double c) => Mul(x, Scalar(c, x.DType));
    public static Tensor operator *(double c, Tensor x) => Mul(Scalar(c, x.DType), x);
    public static Tensor operator /(Tensor x, double c) => Div(x, Scalar(c, x.DType));
    public static Tensor operator /(double c, Tensor x) => Div(Scalar(c, x.DType), x);
    public static Tensor operator -(Tensor x) => x.Neg();
}
