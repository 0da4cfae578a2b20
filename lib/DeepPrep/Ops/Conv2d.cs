using System.Runtime.CompilerServices;
using System.Numerics;
using DeepPrep.Backends;

namespace DeepPrep;

// 2-D convolution (really cross-correlation, as in every DL library), by im2col + GEMM.
//   x: [N, C, H, W]   weight: [F, C, kh, kw]   bias: [F]   y: [N, F, outH, outW]
//   outH = ⌊(H + 2·padding − kh) / stride⌋ + 1, likewise outW.
// For each image, im2col lays every receptive field out as a column: cols [C·kh·kw, outH·outW].
// Then the whole convolution is one matrix product: y_n = weight[F, C·kh·kw] · cols.
// Backward is the same trick run backwards:
//   ∂L/∂weight += g_n · colsᵀ        ∂L/∂cols = weightᵀ · g_n  → col2im → ∂L/∂x_n        ∂L/∂bias = Σ g
public sealed partial class Tensor
{
    /// <summary>2-D convolution of x [N, C, H, W] with weight [F, C, kh, kw] and optional bias [F].</summary>
    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0)
    {
        if (x.Rank != 4 || weight.Rank != 4)
            throw new ArgumentException($"conv2d: input must be [N, C, H, W] and weight [F, C, kh, kw], got {Shapes.Format(x.shape)} and {Shapes.Format(weight.shape)}.");
        if (x.shape[1] != weight.shape[1])
            throw new ArgumentException($"conv2d: input {Shapes.Format(x.shape)} has {x.shape[1]} channels but weight {Shapes.Format(weight.shape)} expects {weight.shape[1]}.");
        if (bias != null && (bias.Rank != 1 || bias.shape[0] != weight.shape[0]))
            throw new ArgumentException($"conv2d: bias must be [{weight.shape[0]}], got {Shapes.Format(bias.shape)}.");
        if (x.DType != weight.DType || (bias != null && bias.DType != x.DType))
            throw new ArgumentException("conv2d: input, weight and bias must have the same dtype.");
        if (stride <= 0 || padding < 0) throw new ArgumentException($"conv2d: stride must be ≥ 1 and padding ≥ 0, got stride {stride}, padding {padding}.");
        var geo = new ConvGeometry(x.shape, weight.shape, stride, padding);
        var y = Empty([geo.N, geo.F, geo.OutH, geo.OutW], x.DType);
        Array columns = Allocate(x.DType, (long)geo.N * geo.Ckk * geo.P); // kept for the backward pass
        if (x.DType == DType.Float32) ConvForward<float>(geo, x, weight, bias, y, columns);
        else ConvForward<double>(geo, x, weight, bias, y, columns);

        Tensor[] inputs = bias == null ? [x, weight] : [x, weight, bias];
        return Autodiff.Record(y, "conv2d", inputs, g =>
        {
            var dx = x.RequiresGrad ? ZerosLike(x) : null;
            var dw = weight.RequiresGrad ? ZerosLike(weight) : null;
            var db = bias is { RequiresGrad: true } ? ZerosLike(bias) : null;
            if (x.DType == DType.Float32) ConvBackward<float>(geo, weight, g, columns, dx, dw, db);
            else ConvBackward<double>(geo, weight, g, columns, dx, dw, db);
            return bias == null ? [dx, dw] : [dx, dw, db];
        });
    }

    private readonly record struct ConvGeometry
    {
        public readonly int N, C, H, W, F, Kh, Kw, Stride, Padding, OutH, OutW;
        public int P => OutH * OutW;          // output positions per image
        public int Ckk => C * Kh * Kw;        // length of one receptive field
        public ConvGeometry(int[] x, int[] w, int stride, int padding)
        {
            (N, C, H, W) = (x[0], x[1], x[2], x[3]);
            (F, Kh, Kw) = (w[0], w[2], w[3]);
            (Stride, Padding) = (stride, padding);
            OutH = KernelChecks.ConvOutputSize(H, Kh, stride, padding);
            OutW = KernelChecks.ConvOutputSize(W, Kw, stride, padding);
            if (OutH <= 0 || OutW <= 0)
                throw new ArgumentException($"conv2d: a {Kh}×{Kw} kernel with padding {padding} does not fit a {H}×{W} input.");
        }
    }

    private static void ConvForward<T>(ConvGeometry g, Tensor x, Tensor weight, Tensor? bias, Tensor y, Array columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var backend = Backend.Current;
        var xs = x.Span<T>(); var ws = weight.Span<T>(); var ys = y.Span<T>();
        var cols = Unsafe.As<T[]>(columns).AsSpan();
        int imageSize = g.C * g.H * g.W, colSize = g.Ckk * g.P, outSize = g.F * g.P;
        for (int n = 0; n < g.N; n++)
        {
            var col = cols.Slice(n * colSize, colSize);
            backend.Im2Col(xs.Slice(n * imageSize, imageSize), g.C, g.H, g.W, g.Kh, g.Kw, g.Stride, g.Padding, col);
            var yn = ys.Slice(n * outSize, outSize);
            backend.Gemm(false, false, g.F, g.P, g.Ckk, T.One, ws, g.Ckk, col, g.P, T.Zero, yn, g.P);
            if (bias != null)
            {
                var bs = bias.Span<T>();
                for (int f = 0; f < g.F; f++)
                {
                    var row = yn.Slice(f * g.P, g.P);
                    for (int p = 0; p < row.Length; p++) row[p] += bs[f];
                }
            }
        }
    }

    private static void ConvBackward<T>(ConvGeometry g, Tensor weight, Tensor dy, Array columns, Tensor? dx, Tensor? dw, Tensor? db)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var backend = Backend.Current;
        var ws = weight.Span<T>(); var gs = dy.Span<T>();
        var cols = Unsafe.As<T[]>(columns).AsSpan();
        int imageSize = g.C * g.H * g.W, colSize = g.Ckk * g.P, outSize = g.F * g.P;
        var dcol = dx != null ? new T[colSize] : null;
        for (int n = 0; n < g.N; n++)
        {
            var gn = gs.Slice(n * outSize, outSize);
            // ∂L/∂W [F, Ckk] += g_n [F, P] · cols_nᵀ [P, Ckk]
            if (dw != null) backend.Gemm(false, true, g.F, g.Ckk, g.P, T.One, gn, g.P, cols.Slice(n * colSize, colSize), g.P, T.One, dw.Span<T>(), g.Ckk);
            // ∂L/∂cols [Ckk, P] = Wᵀ [Ckk, F] · g_n [F, P], then fold the columns back onto the image.
            if (dx != null)
            {
                backend.Gemm(true, false, g.Ckk, g.P, g.F, T.One, ws, g.Ckk, gn, g.P, T.Zero, dcol, g.P);
                backend.Col2Im<T>(dcol, g.C, g.H, g.W, g.Kh, g.Kw, g.Stride, g.Padding, dx.Span<T>().Slice(n * imageSize, imageSize));
            }
            if (db != null)
            {
                var dbs = db.Span<T>();
                for (int f = 0; f < g.F; f++)
                {
                    T sum = T.Zero;
                    foreach (var v in gn.Slice(f * g.P, g.P)) sum += v;
                    dbs[f] += sum;
                }
            }
        }
    }
}
