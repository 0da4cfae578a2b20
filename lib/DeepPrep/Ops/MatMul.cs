using DeepPrep.Backends;

namespace DeepPrep;

// Matrix multiplication, the op that does nearly all of a network's arithmetic.
//   Y = A·B          A: [m, k], B: [k, n], Y: [m, n]
//   ∂L/∂A = ∂L/∂Y · Bᵀ   [m, n]·[n, k] = [m, k]
//   ∂L/∂B = Aᵀ · ∂L/∂Y   [k, m]·[m, n] = [k, n]
// The transposes are never materialised: GEMM reads the stored matrix transposed.
// A batch of matrices ([b, m, k] · [b, k, n]) multiplies pair by pair.
public sealed partial class Tensor
{
    /// <summary>Matrix product. 2-D · 2-D, or batched 3-D · 3-D with the same batch size.</summary>
    public Tensor MatMul(Tensor other) => MatMul(this, other);

    /// <summary>Matrix product A·B. 2-D · 2-D, or batched 3-D · 3-D with the same batch size.</summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        var (batch, m, k, n) = MatMulDims(a, b);
        var y = Uninitialized(a.Rank == 3 ? [batch, m, n] : [m, n], a.DType); // β = 0: GEMM writes every element
        Gemm(a, false, b, false, y, batch, m, n, k, accumulate: false);
        return Autodiff.Record(y, "matmul", [a, b], g =>
        {
            Tensor? da = null, db = null;
            if (a.RequiresGrad) { da = Uninitialized(a.shape, a.DType); Gemm(g, false, b, true, da, batch, m, k, n, accumulate: false); }
            if (b.RequiresGrad) { db = Uninitialized(b.shape, b.DType); Gemm(a, true, g, false, db, batch, k, n, m, accumulate: false); }
            return [da, db];
        });
    }

    private static (int Batch, int M, int K, int N) MatMulDims(Tensor a, Tensor b)
    {
        string Describe() => $"matmul: shapes {Shapes.Format(a.shape)} and {Shapes.Format(b.shape)}";
        if (a.DType != b.DType) throw new ArgumentException($"{Describe()} have different dtypes ({a.DType.Name()}, {b.DType.Name()}).");
        if (a.Rank == 2 && b.Rank == 2)
        {
            if (a.shape[1] != b.shape[0]) throw new ArgumentException($"{Describe()} do not fit: inner dimensions {a.shape[1]} and {b.shape[0]} differ.");
            return (1, a.shape[0], a.shape[1], b.shape[1]);
        }
        if (a.Rank == 3 && b.Rank == 3)
        {
            if (a.shape[0] != b.shape[0]) throw new ArgumentException($"{Describe()}: batch sizes {a.shape[0]} and {b.shape[0]} differ.");
            if (a.shape[2] != b.shape[1]) throw new ArgumentException($"{Describe()} do not fit: inner dimensions {a.shape[2]} and {b.shape[1]} differ.");
            return (a.shape[0], a.shape[1], a.shape[2], b.shape[2]);
        }
        throw new ArgumentException($"{Describe()}: expected two matrices (2-D) or two batches of matrices (3-D).");
    }

    /// <summary>c = op(a)·op(b) (or c += … when accumulating) for each of <paramref name="batch"/> matrix pairs; m, n, k are of the product.</summary>
    internal static void Gemm(Tensor a, bool transA, Tensor b, bool transB, Tensor c, int batch, int m, int n, int k, bool accumulate)
    {
        int aSize = m * k, bSize = k * n, cSize = m * n;
        int lda = transA ? m : k, ldb = transB ? k : n;
        for (int i = 0; i < batch; i++)
        {
            if (a.DType == DType.Float32)
                Kernels.Gemm(transA, transB, m, n, k, 1f, a.Span<float>().Slice(i * aSize, aSize), lda,
                    b.Span<float>().Slice(i * bSize, bSize), ldb, accumulate ? 1f : 0f, c.Span<float>().Slice(i * cSize, cSize), n);
            else
                Kernels.Gemm(transA, transB, m, n, k, 1.0, a.Span<double>().Slice(i * aSize, aSize), lda,
                    b.Span<double>().Slice(i * bSize, bSize), ldb, accumulate ? 1.0 : 0.0, c.Span<double>().Slice(i * cSize, cSize), n);
        }
    }
}
