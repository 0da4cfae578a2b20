namespace DeepPrep.Nn;

/// <summary>
/// Minibatch standard deviation (Karras et al. 2018, "Progressive growing of GANs", §3): appends one
/// feature to every row, the same for all rows: how spread out the batch is.
///   s = mean over features j of √(Var_batch(x_·j) + ε),   output row i = [x_i, s]
/// Input [N, F] → output [N, F + 1]. No parameters.
/// </summary>
/// <remarks>
/// Put it first in a GAN discriminator. Without it, D judges each sample on its own, so a generator that
/// puts every sample on the same convincing point (mode collapse) looks perfect to it. With it, D sees that a
/// generated batch is far less spread out than a real one, and the gradient of s pushes the samples apart.
/// Var is the population variance over the batch (divide by N), as in the paper; ε keeps √ differentiable
/// when every row is equal. Autodiff differentiates s through every row, so each sample's gradient depends
/// on the others. The layer behaves the same in training and evaluation mode.
/// </remarks>
public sealed class MinibatchStdDev : Module
{
    /// <summary>Added to each variance before the square root, so a batch of identical rows has a finite gradient.</summary>
    public double Epsilon { get; }

    public MinibatchStdDev(double epsilon = 1e-8)
    {
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "MinibatchStdDev: epsilon must be > 0.");
        Epsilon = epsilon;
    }

    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 2) throw new ArgumentException($"MinibatchStdDev expects [batch, features], got {Shapes.Format(input.Shape)}.");
        int n = input.Dim(0);
        if (n < 2) throw new ArgumentException($"MinibatchStdDev needs at least 2 rows to measure spread, got {n}.");
        var centred = input - input.Mean(0, keepDims: true);                  // [N, F]
        var sd = (centred.Square().Mean(0, keepDims: true) + Epsilon).Sqrt(); // [1, F]  per-feature sd over the batch
        var spread = sd.Mean();                                               // []      one number for the batch
        var column = Tensor.Ones([n, 1], input.DType) * spread;               // [N, 1]  the same value in every row
        return Tensor.Concat([input, column], axis: 1);                       // [N, F + 1]
    }

    public override string Describe() => "MinibatchStdDev(+1 feature)";
}
