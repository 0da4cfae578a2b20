using System.Diagnostics;
using DeepPrep.Nn;
using DeepPrep.Optim;

namespace DeepPrep.Bench;

/// <summary>
/// "tiny2-16-16-1 full-batch 256": a 2-16-16-1 tanh MLP, BCE with logits, SGD lr 0.5, 2,000 full-batch
/// steps on 256 points (label [x₁x₂ &gt; 0]). Measures per-op overhead: each step is ~20 small ops.
/// </summary>
internal static class TinyNetCase
{
    public static void Run(bool smoke)
    {
        int steps = smoke ? 20 : 2000;
        // Warm-up on a throwaway copy until the JIT has finished: .NET compiles each method quickly first, then again
        // with full optimisation once it is hot (tiered compilation, with profile-guided optimisation in between).
        // That takes a second or two of steps here; 3,000 steps (~0.2 s) measured twice the steady-state time.
        // A learner's first run of a cell pays that warm-up; a rerun does not. The peer needs no warm-up (its kernels
        // are compiled ahead of time), so this measures both in steady state.
        var warmUp = new TinyNet();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < (smoke ? 0 : 3)) warmUp.Step();
        if (smoke) warmUp.Step();

        // The measured run: a fresh network, exactly as the peer's, from its first step to its last.
        var net = new TinyNet();
        var sw = Stopwatch.StartNew();
        double last = net.Step();
        // Bytes allocated per step in steady state: from the end of the first step (which fills the pool) to the last.
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < steps; i++) last = net.Step();
        double seconds = sw.Elapsed.TotalSeconds;
        long bytesPerStep = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Math.Max(1, steps - 1);
        Json.Line(("case", "tiny2-16-16-1 full-batch 256"), ("steps_per_s", Math.Round(steps / seconds)), ("final_loss", Math.Round(last, 4)),
                  ("bytes_allocated_per_step", bytesPerStep));
    }

    /// <summary>The network, its data and its optimiser, built the same way every time (seed 0).</summary>
    private sealed class TinyNet
    {
        private readonly Tensor x, y;
        private readonly Sequential model;
        private readonly Sgd opt;
        // Each step reuses the previous step's arrays, tensor objects and graph nodes: a step allocates nothing.
        private readonly BufferPool pool = new(reuseTensors: true);

        public TinyNet()
        {
            var rng = new Rng(0);
            x = Tensor.Randn([256, 2], rng, dtype: DType.Float32);
            y = Tensor.Zeros([256, 1], DType.Float32);
            for (int i = 0; i < 256; i++) y[i, 0] = x[i, 0] * x[i, 1] > 0 ? 1 : 0;
            model = new Sequential(new Linear(2, 16, rng: rng), Activation.Tanh(), new Linear(16, 16, rng: rng), Activation.Tanh(), new Linear(16, 1, rng: rng));
            opt = new Sgd(model.Parameters(), 0.5);
        }

        public double Step()
        {
            using var _ = pool.Step();
            opt.ZeroGrad();
            var loss = Loss.BinaryCrossEntropyWithLogits(model.Forward(x), y);
            loss.Backward();
            opt.Step();
            return loss.Item();
        }
    }
}
