using DeepPrep.Backends.Gemm;

namespace DeepPrep.Tests.Kernels;

// ForkJoin reuses its call objects from one parallel GEMM to the next. The danger of reuse is a worker still holding an
// old call when it is started again (a part run twice, or not at all), so these run many calls back to back.
// Alone: a GEMM test running alongside would hold the workers, and TryRun would (correctly) decline these calls.
[CollectionDefinition(nameof(ForkJoinTests), DisableParallelization = true)]
public class ForkJoinCollection;

[Collection(nameof(ForkJoinTests))]
public class ForkJoinTests
{
    private sealed class CountingJob(int parts) : IParallelJob
    {
        public readonly int[] Runs = new int[parts];
        public int ThrowAt = -1;

        public void Execute(int part)
        {
            Interlocked.Increment(ref Runs[part]);
            if (part == ThrowAt) throw new InvalidOperationException($"part {part} failed");
        }
    }

    [Fact]
    public void EveryPartRunsExactlyOnceAcrossManyBackToBackCalls()
    {
        for (int call = 0; call < 3000; call++)
        {
            int parts = 1 + call % 9;
            var job = new CountingJob(parts);
            Assert.True(ForkJoin.TryRun(job, parts, threads: ForkJoin.MaxThreads));
            Assert.All(job.Runs, runs => Assert.Equal(1, runs));
        }
    }

    [Fact]
    public void AFailingPartIsReportedAndTheNextCallStillWorks()
    {
        var failing = new CountingJob(6) { ThrowAt = 4 };
        var e = Assert.Throws<AggregateException>(() => ForkJoin.TryRun(failing, 6, ForkJoin.MaxThreads));
        Assert.Contains("part 4 failed", e.InnerException!.Message);
        Assert.All(failing.Runs, runs => Assert.Equal(1, runs)); // the other parts still ran, once
        var next = new CountingJob(5);
        Assert.True(ForkJoin.TryRun(next, 5, ForkJoin.MaxThreads));
        Assert.All(next.Runs, runs => Assert.Equal(1, runs));
    }
}
