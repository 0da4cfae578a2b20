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
        var rng = new Rng(0);
        var x = Tensor.Randn([256, 2], rng, dtype: DType.Float32);
        var y = Tensor.Zeros([256, 1], DType.Float32);
        for (int i = 0; i < 256; i++) y[i, 0] = x[i, 0] * x[i, 1] > 0 ? 1 : 0;
        var model = new Sequential(new Linear(2, 16, rng: rng), Activation.Tanh(), new Linear(16, 16, rng: rng), Activation.Tanh(), new Linear(16, 1, rng: rng));
        var opt = new Sgd(model.Parameters(), 0.5);
        var pool = new BufferPool(); // each step reuses the previous step's arrays: no allocation in steady state
        double Step()
        {
            using var _ = pool.Step();
            opt.ZeroGrad();
            var loss = Loss.BinaryCrossEntropyWithLogits(model.Forward(x), y);
            loss.Backward();
            opt.Step();
            return loss.Item();
        }
        // Warm-up: long enough for tiered JIT to reach its optimised code (200 steps was not), so we measure steady state.
        for (int i = 0; i < (smoke ? 2 : 3000); i++) Step();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        double last = 0;
        for (int i = 0; i < steps; i++) last = Step();
        double seconds = sw.Elapsed.TotalSeconds;
        long bytesPerStep = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / steps;
        Json.Line(("case", "tiny2-16-16-1 full-batch 256"), ("steps_per_s", Math.Round(steps / seconds)), ("final_loss", Math.Round(last, 4)),
                  ("bytes_allocated_per_step", bytesPerStep));
    }
}
