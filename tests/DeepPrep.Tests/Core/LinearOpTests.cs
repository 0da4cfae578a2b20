using DeepPrep.Nn;

namespace DeepPrep.Tests.Core;

/// <summary>
/// Tensor.Linear (the fused dense-layer op) does the same arithmetic in the same order as x.MatMul(W) + b, so its
/// output and all three gradients must equal the unfused graph's exactly, in both dtypes, for shapes that hit every
/// GEMM path (one row, one column, ragged tiles, an empty batch).
/// </summary>
public class LinearOpTests
{
    public static TheoryData<int, int, int> Shapes => new() { { 1, 1, 1 }, { 5, 3, 7 }, { 256, 2, 16 }, { 256, 16, 1 }, { 13, 33, 17 }, { 0, 4, 3 }, { 130, 100, 90 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesMatMulPlusBias_BitForBit(int n, int inFeatures, int outFeatures)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var rng = new Rng((ulong)(n * 1000 + inFeatures * 10 + outFeatures));
            Tensor Param(params int[] shape) => Tensor.Randn(shape, rng, dtype: dtype).RequireGrad();
            var x = Param(n, inFeatures); var w = Param(inFeatures, outFeatures); var b = Param(outFeatures);
            var upstream = Tensor.Randn([n, outFeatures], rng, dtype: dtype);

            var fused = Tensor.Linear(x, w, b);
            (fused * upstream).Sum().Backward();
            var (gx, gw, gb) = (x.Grad!.ToArray(), w.Grad!.ToArray(), b.Grad!.ToArray());
            x.ZeroGrad(); w.ZeroGrad(); b.ZeroGrad();

            var plain = x.MatMul(w) + b;
            (plain * upstream).Sum().Backward();
            Assert.Equal(plain.ToArray(), fused.ToArray());
            Assert.Equal(x.Grad!.ToArray(), gx);
            Assert.Equal(w.Grad!.ToArray(), gw);
            Assert.Equal(b.Grad!.ToArray(), gb);
            Assert.Equal("linear", fused.Op);
        }
    }

    public static TheoryData<string> Activations => new() { "relu", "sigmoid", "tanh", "leaky_relu", "elu", "softsign", "softplus", "gelu", "identity", "step" };

    /// <summary>
    /// Sequential fuses Linear + activation into one op; the model's output and every parameter's gradient must be
    /// the same bits as with the layers run one by one (a LayerOutput hook turns the fusion off, so it is the oracle).
    /// </summary>
    [Theory]
    [MemberData(nameof(Activations))]
    public void SequentialFusesLinearAndActivation_BitForBit(string activation)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            Sequential Net() => Sequential.Mlp([5, 7, 6, 3], () => Activation.FromName(activation), dtype: dtype, rng: new Rng(17));
            var x = Tensor.Randn([11, 5], new Rng(18), dtype: dtype);
            var upstream = Tensor.Randn([11, 3], new Rng(19), dtype: dtype);

            var fusedNet = Net();
            var fused = fusedNet.Forward(x);
            (fused * upstream).Sum().Backward();
            Assert.StartsWith("linear", fused.Op);

            var plainNet = Net();
            var seen = new List<string?>();
            plainNet.LayerOutput += (_, _, output) => seen.Add(output.Op); // a hook: layers run one by one
            var plain = plainNet.Forward(x);
            (plain * upstream).Sum().Backward();

            Assert.Equal(plain.ToArray(), fused.ToArray());
            foreach (var (p, q) in fusedNet.Parameters().Zip(plainNet.Parameters())) Assert.Equal(q.Grad!.ToArray(), p.Grad!.ToArray());
            Assert.Equal(5, seen.Count); // the hook saw each of the five layers, activations included
        }
    }

    /// <summary>
    /// Hidden widths that take the one-pass bias + activation kernels (multiples of the vector width up to four vectors:
    /// 8…32 floats, 4…16 doubles) and widths that do not (12, 40): the same bits as the unfused layers either way.
    /// </summary>
    [Theory]
    [InlineData("tanh", 16)]
    [InlineData("tanh", 8)]
    [InlineData("tanh", 32)]
    [InlineData("tanh", 40)]
    [InlineData("sigmoid", 24)]
    [InlineData("relu", 16)]
    [InlineData("relu", 12)]
    [InlineData("elu", 16)]
    public void OnePassBiasAndActivation_SameBitsAsTheLayersOneByOne(string activation, int width)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            Sequential Net() => Sequential.Mlp([3, width, width, 2], () => Activation.FromName(activation), dtype: dtype, rng: new Rng(23));
            var x = Tensor.Randn([37, 3], new Rng(24), dtype: dtype);
            var upstream = Tensor.Randn([37, 2], new Rng(25), dtype: dtype);
            var fusedNet = Net();
            var fused = fusedNet.Forward(x);
            (fused * upstream).Sum().Backward();
            var plainNet = Net();
            plainNet.LayerOutput += (_, _, _) => { };
            var plain = plainNet.Forward(x);
            (plain * upstream).Sum().Backward();
            Assert.Equal(plain.ToArray(), fused.ToArray());
            foreach (var (p, q) in fusedNet.Parameters().Zip(plainNet.Parameters()))
                Assert.Equal(q.Grad!.ToArray(), p.Grad!.ToArray());
        }
    }

    [Fact]
    public void FusedGraph_HasOneNodePerLayer()
    {
        var net = new Sequential(new Linear(2, 4, rng: new Rng(1)), Activation.Tanh(), new Linear(4, 1, rng: new Rng(2)));
        var y = net.Forward(Tensor.Randn([3, 2], new Rng(3)));
        Assert.Equal("linear", y.Op);
        var graph = ComputationGraph.Of(y);
        Assert.Equal(["linear+tanh", "linear"], graph.Nodes.Where(n => n.Tensor.Op != null).Select(n => n.Tensor.Op!).ToArray());
        // A custom activation function has no op to fuse: it runs as its own layer.
        var custom = new Sequential(new Linear(2, 4, rng: new Rng(1)), new Activation("cube", t => t * t * t));
        Assert.Equal("mul", custom.Forward(Tensor.Randn([3, 2], new Rng(3))).Op);
    }

    [Fact]
    public void WithoutBias_IsTheMatrixProduct()
    {
        var rng = new Rng(3);
        var x = Tensor.Randn([4, 3], rng, dtype: DType.Float64);
        var w = Tensor.Randn([3, 2], rng, dtype: DType.Float64);
        Assert.Equal(x.MatMul(w).ToArray(), Tensor.Linear(x, w, null).ToArray());
    }

    [Fact]
    public void BadShapes_NameBothShapes()
    {
        var x = Tensor.Zeros(4, 3); var w = Tensor.Zeros(5, 2);
        var e = Assert.Throws<ArgumentException>(() => Tensor.Linear(x, w, null));
        Assert.Contains("[4, 3]", e.Message); Assert.Contains("[5, 2]", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Tensor.Linear(Tensor.Zeros(4, 5), w, Tensor.Zeros(3)));
        Assert.Contains("bias [3]", e2.Message); Assert.Contains("[2]", e2.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Linear(Tensor.Zeros(4, 5), Tensor.Zeros([5, 2], DType.Float64), null));
    }

    [Fact]
    public void InsideABufferPoolStep_ReusedOutputsGiveTheSameNumbers()
    {
        // Uninitialized outputs keep the previous step's numbers; a kernel that skipped an element would show here.
        var rng = new Rng(8);
        var x = Tensor.Randn([9, 4], rng); var w = Tensor.Randn([4, 6], rng).RequireGrad(); var b = Tensor.Randn([6], rng).RequireGrad();
        var want = Tensor.Linear(x, w, b).ToArray();
        var pool = new BufferPool();
        for (int step = 0; step < 3; step++)
            using (pool.Step())
            {
                var other = Tensor.Linear(x * 3.0, w, b); // fill the pool's arrays with different numbers first
                Assert.Equal(want, Tensor.Linear(x, w, b).ToArray());
            }
    }
}
