using System.Numerics;

namespace DeepPrep.Backends;

/// <summary>
/// Every elementwise function and its derivative for one scalar: the definition the kernels
/// must agree with. The fast backend vectorises these; the reference backend calls them directly.
/// </summary>
public static class Scalar
{
    /// <summary>f(x) for a unary op with parameters alpha, beta.</summary>
    public static T Apply<T>(UnaryOp op, T x, T alpha, T beta) where T : IBinaryFloatingPointIeee754<T>
    {
        T one = T.One, half = T.CreateTruncating(0.5);
        switch (op)
        {
            case UnaryOp.Identity: return x;
            case UnaryOp.Neg: return -x;
            case UnaryOp.Exp: return T.Exp(x);
            case UnaryOp.Log: return T.Log(x);
            case UnaryOp.Sqrt: return T.Sqrt(x);
            case UnaryOp.Abs: return T.Abs(x);
            case UnaryOp.Square: return x * x;
            case UnaryOp.Pow: return T.Pow(x, alpha);
            case UnaryOp.Clamp: return T.IsNaN(x) ? x : T.Min(T.Max(x, alpha), beta);
            case UnaryOp.Affine: return x * alpha + beta;
            // σ(x) = 1/(1+e^−x); for very negative x, e^−x overflows to ∞ and 1/∞ = 0: still correct.
            case UnaryOp.Sigmoid: return one / (one + T.Exp(-x));
            case UnaryOp.Tanh: return T.Tanh(x);
            case UnaryOp.Relu: return x > T.Zero || T.IsNaN(x) ? x : T.Zero;   // NaN stays NaN: a bad input must not turn into a clean 0
            case UnaryOp.LeakyRelu: return x > T.Zero ? x : alpha * x;
            case UnaryOp.Elu: return x > T.Zero ? x : alpha * (T.Exp(x) - one);
            case UnaryOp.Softsign: return x / (one + T.Abs(x));
            // log(1+eˣ) = max(x,0) + log(1+e^−|x|): never overflows.
            case UnaryOp.Softplus: return T.Max(x, T.Zero) + T.Log(one + T.Exp(-T.Abs(x)));
            case UnaryOp.Gelu: return half * x * (one + T.Tanh(GeluInner(x)));
            case UnaryOp.Step: return T.IsNaN(x) ? x : x > T.Zero ? one : T.Zero;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown unary op.");
        }
    }

    /// <summary>f′(x), given the input x and the output y = f(x).</summary>
    public static T Derivative<T>(UnaryOp op, T x, T y, T alpha, T beta) where T : IBinaryFloatingPointIeee754<T>
    {
        T one = T.One, two = one + one, half = T.CreateTruncating(0.5);
        switch (op)
        {
            case UnaryOp.Identity: return one;
            case UnaryOp.Neg: return -one;
            case UnaryOp.Exp: return y;
            case UnaryOp.Log: return one / x;
            case UnaryOp.Sqrt: return half / y;
            case UnaryOp.Abs: return x > T.Zero ? one : x < T.Zero ? -one : T.Zero;
            case UnaryOp.Square: return two * x;
            case UnaryOp.Pow: return alpha * T.Pow(x, alpha - one);
            case UnaryOp.Clamp: return x >= alpha && x <= beta ? one : T.Zero;
            case UnaryOp.Affine: return alpha;
            case UnaryOp.Sigmoid: return y * (one - y);
            case UnaryOp.Tanh: return one - y * y;
            case UnaryOp.Relu: return x > T.Zero ? one : T.Zero;
            case UnaryOp.LeakyRelu: return x > T.Zero ? one : alpha;
            case UnaryOp.Elu: return x > T.Zero ? one : y + alpha;
            case UnaryOp.Softsign: { T d = one + T.Abs(x); return one / (d * d); }
            case UnaryOp.Softplus: return one / (one + T.Exp(-x));
            case UnaryOp.Gelu:
                {
                    // d/dx ½x(1+tanh u) = ½(1+tanh u) + ½x(1−tanh²u)·u′, u′ = √(2/π)(1 + 3·0.044715x²).
                    T t = T.Tanh(GeluInner(x));
                    T du = T.CreateTruncating(0.7978845608028654) * (one + T.CreateTruncating(3 * 0.044715) * x * x);
                    return half * (one + t) + half * x * (one - t * t) * du;
                }
            case UnaryOp.Step: return T.Zero;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown unary op.");
        }
    }

    private static T GeluInner<T>(T x) where T : IBinaryFloatingPointIeee754<T> =>
        T.CreateTruncating(0.7978845608028654) * (x + T.CreateTruncating(0.044715) * x * x * x);

    /// <summary>x ∘ y for a binary op.</summary>
    public static T Apply<T>(BinaryOp op, T x, T y) where T : IBinaryFloatingPointIeee754<T> => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Sub => x - y,
        BinaryOp.Mul => x * y,
        BinaryOp.Div => x / y,
        BinaryOp.Max => T.IsNaN(x) || x >= y ? x : y,
        BinaryOp.Min => T.IsNaN(x) || x <= y ? x : y,
        BinaryOp.Pow => T.Pow(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown binary op."),
    };
}
