using System.Diagnostics;

namespace DeepPrep.Backends.Gemm;

/// <summary>A piece of work split into parts; part i runs on thread i of a <see cref="ForkJoin"/> call.</summary>
internal interface IParallelJob
{
    void Execute(int part);
}

/// <summary>
/// A tiny fork/join for splitting one GEMM across the cores with microsecond overhead.
/// </summary>
/// <remarks>
/// <para>Why not Parallel.For? It hands the parts to the .NET thread pool, whose idle workers sleep; waking
/// one and joining costs 10–20 µs on this kind of machine, while a 128×128×128 product takes ~50 µs on one core.
/// Here each extra core has one dedicated background worker that, after finishing a part, keeps polling for the
/// next one for a short while (<see cref="SpinMicroseconds"/>) before going to sleep, so the back-to-back GEMMs of a
/// training loop find it awake. The caller runs part 0 itself and then waits for the others.</para>
/// <para>Only one GEMM uses the workers at a time: a second thread calling in concurrently just runs serially
/// (<see cref="TryRun"/> returns false). Workers never run a parallel GEMM themselves, so there is no nesting.</para>
/// </remarks>
internal static class ForkJoin
{
    /// <summary>How long an idle worker polls for new work before blocking (a few GEMMs' worth of time).</summary>
    private const int SpinMicroseconds = 100;

    private static readonly Worker[] Workers = CreateWorkers();
    private static int busy;

    /// <summary>Threads available to a call: the caller plus one worker per extra core.</summary>
    public static int MaxParts => Workers.Length + 1;

    private static Worker[] CreateWorkers()
    {
        var workers = new Worker[Math.Max(0, Environment.ProcessorCount - 1)];
        for (int i = 0; i < workers.Length; i++) workers[i] = new Worker(i + 1);
        return workers;
    }

    /// <summary>
    /// Runs job.Execute(0..parts) with part 0 on the calling thread, and returns after all have finished.
    /// Returns false without running anything if the workers are busy with another call.
    /// </summary>
    public static bool TryRun(IParallelJob job, int parts)
    {
        if (parts > MaxParts) throw new ArgumentOutOfRangeException(nameof(parts), $"ForkJoin: {parts} parts but only {MaxParts} threads.");
        if (Interlocked.CompareExchange(ref busy, 1, 0) != 0) return false;
        try
        {
            for (int i = 1; i < parts; i++) Workers[i - 1].Start(job);
            Exception? error = null;
            try { job.Execute(0); } catch (Exception e) { error = e; }
            for (int i = 1; i < parts; i++) error ??= Workers[i - 1].Join();
            if (error != null) throw new AggregateException("A GEMM worker failed.", error);
            return true;
        }
        finally { Volatile.Write(ref busy, 0); }
    }

    private sealed class Worker
    {
        private readonly int part;
        private readonly SemaphoreSlim wake = new(0);
        private IParallelJob? job;       // set by the caller to hand over work, cleared by the worker when it takes it
        private int sleeping;            // 1 while the worker is (about to be) blocked on wake
        private volatile bool done = true;
        private Exception? error;

        public Worker(int part)
        {
            this.part = part;
            new Thread(Loop) { IsBackground = true, Name = $"DeepPrep GEMM worker {part}" }.Start();
        }

        public void Start(IParallelJob work)
        {
            done = false;
            error = null;
            Volatile.Write(ref job, work);
            // If the worker went to sleep, wake it. (Interlocked is a full fence: the job write above is visible first.)
            if (Interlocked.CompareExchange(ref sleeping, 0, 1) == 1) wake.Release();
        }

        public Exception? Join()
        {
            var spinner = new SpinWait();
            while (!done) spinner.SpinOnce(sleep1Threshold: -1);
            return error;
        }

        private void Loop()
        {
            while (true)
            {
                var work = WaitForJob();
                try { work.Execute(part); }
                catch (Exception e) { error = e; }
                finally { done = true; }
            }
        }

        private IParallelJob WaitForJob()
        {
            long spinUntil = Stopwatch.GetTimestamp() + SpinMicroseconds * Stopwatch.Frequency / 1_000_000;
            var spinner = new SpinWait();
            while (true)
            {
                var work = Interlocked.Exchange(ref job, null);
                if (work != null) return work;
                if (Stopwatch.GetTimestamp() < spinUntil) { spinner.SpinOnce(sleep1Threshold: -1); continue; }

                // Going to sleep. Announce it, then look once more: the caller may have posted a job in between.
                Interlocked.Exchange(ref sleeping, 1);
                work = Interlocked.Exchange(ref job, null);
                if (work != null)
                {
                    // Take back the announcement; if the caller already took it, it has released (or will release) wake once: consume that.
                    if (Interlocked.CompareExchange(ref sleeping, 0, 1) != 1) wake.Wait();
                    return work;
                }
                wake.Wait();
                spinUntil = Stopwatch.GetTimestamp() + SpinMicroseconds * Stopwatch.Frequency / 1_000_000;
            }
        }
    }
}
