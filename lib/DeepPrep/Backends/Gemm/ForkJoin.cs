using System.Diagnostics;

namespace DeepPrep.Backends.Gemm;

/// <summary>A piece of work split into parts; <see cref="ForkJoin"/> runs each part exactly once, on some thread.</summary>
internal interface IParallelJob
{
    void Execute(int part);
}

/// <summary>
/// A tiny fork/join for splitting one GEMM across the cores with microsecond overhead.
/// </summary>
/// <remarks>
/// <para>Why not Parallel.For? It hands the parts to the .NET thread pool, whose idle workers sleep; waking
/// one and joining measured 10–20 µs here, while a 128×128×128 product takes ~50 µs on one core. Instead each
/// extra core has one dedicated background worker that, after finishing, keeps polling for new work for a short
/// while (<see cref="SpinMicroseconds"/>) before going to sleep, so the back-to-back GEMMs of a training loop
/// find it awake.</para>
/// <para>Parts are claimed, not assigned: the caller and the workers each take the next unclaimed part from
/// a shared counter until none are left. So if a worker is slow to wake (the machine is busy), the caller
/// simply runs its part too, and a parallel GEMM is never much slower than a serial one.</para>
/// <para>Only one GEMM uses the workers at a time: a second thread calling in concurrently runs serially
/// (<see cref="TryRun"/> returns false). Workers never start a parallel GEMM themselves, so there is no nesting.</para>
/// </remarks>
internal static class ForkJoin
{
    /// <summary>How long an idle worker polls for new work before blocking (a few GEMMs' worth of time).</summary>
    private const int SpinMicroseconds = 100;

    private static readonly Worker[] Workers = CreateWorkers();
    private static int busy;

    /// <summary>Threads available to a call: the caller plus one worker per extra core.</summary>
    public static int MaxThreads => Workers.Length + 1;

    private static Worker[] CreateWorkers()
    {
        var workers = new Worker[Math.Max(0, Environment.ProcessorCount - 1)];
        for (int i = 0; i < workers.Length; i++) workers[i] = new Worker(i + 1);
        return workers;
    }

    /// <summary>
    /// Runs job.Execute(p) for every p &lt; parts on the calling thread and up to threads − 1 workers, and returns
    /// after all parts have finished. Returns false without running anything if the workers are busy with another call.
    /// </summary>
    public static bool TryRun(IParallelJob job, int parts, int threads)
    {
        if (Interlocked.CompareExchange(ref busy, 1, 0) != 0) return false;
        try
        {
            int helpers = Math.Min(threads, MaxThreads) - 1;
            var call = FreeCall();
            call.Start(job, parts, holders: helpers + 1);
            for (int i = 0; i < helpers; i++) Workers[i].Post(call);
            call.Work();
            var spinner = new SpinWait();
            while (Volatile.Read(ref call.Remaining) > 0) spinner.SpinOnce(sleep1Threshold: -1);
            // A worker that has not taken the call yet never will: take it back (it lets go of the call for the worker).
            for (int i = 0; i < helpers; i++) if (Workers[i].Retract(call)) call.LetGo();
            call.LetGo();
            if (call.Error != null) throw new AggregateException("A parallel GEMM part failed.", call.Error);
            return true;
        }
        finally { Volatile.Write(ref busy, 0); }
    }

    // Calls are reused, so that a parallel GEMM allocates nothing; one is free once every thread it was handed to has let
    // go of it. Usually the first is free again by the next GEMM; a worker still finishing makes the next one be used.
    private static readonly Call[] Calls = [new(), new(), new(), new()];

    private static Call FreeCall()
    {
        foreach (var call in Calls) if (call.IsFree) return call;
        return new Call(); // every call still held (a worker descheduled mid-exit): use a one-off
    }

    /// <summary>One TryRun: the job, the next unclaimed part, and how many parts are still running or unclaimed.</summary>
    private sealed class Call
    {
        private IParallelJob job = null!;
        private int count, next;
        public int Remaining;
        public Exception? Error;
        // The caller and every worker the call was posted to, until each lets go (a worker after Work, or the caller on
        // its behalf when it takes back a post the worker never saw). Reused only at zero.
        private int holders;

        public bool IsFree => Volatile.Read(ref holders) == 0;

        public void Start(IParallelJob job, int parts, int holders)
        {
            (this.job, count, next, Remaining, Error) = (job, parts, 0, parts, null);
            Volatile.Write(ref this.holders, holders); // published to the workers by Post's volatile write
        }

        public void LetGo() => Interlocked.Decrement(ref holders);

        /// <summary>Claims and runs parts until none are left.</summary>
        public void Work()
        {
            int part;
            while ((part = Interlocked.Increment(ref next) - 1) < count)
            {
                try { job.Execute(part); }
                catch (Exception e) { Error ??= e; }
                finally { Interlocked.Decrement(ref Remaining); }
            }
        }
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim wake = new(0);
        private Call? posted;   // set by the caller, taken (and cleared) by the worker
        private int sleeping;   // 1 while the worker is (about to be) blocked on wake

        public Worker(int index) =>
            new Thread(Loop) { IsBackground = true, Name = $"DeepPrep GEMM worker {index}" }.Start();

        public void Post(Call call)
        {
            Volatile.Write(ref posted, call);
            // If the worker went to sleep, wake it. (Interlocked is a full fence: the write above is visible first.)
            if (Interlocked.CompareExchange(ref sleeping, 0, 1) == 1) wake.Release();
        }

        /// <summary>Takes back <paramref name="call"/> if this worker has not taken it yet; true if it was still posted.</summary>
        public bool Retract(Call call) => Interlocked.CompareExchange(ref posted, null, call) == call;

        private void Loop()
        {
            while (true)
            {
                var call = WaitForCall();
                call.Work();
                call.LetGo();
            }
        }

        private Call WaitForCall()
        {
            long spinUntil = Stopwatch.GetTimestamp() + SpinMicroseconds * Stopwatch.Frequency / 1_000_000;
            var spinner = new SpinWait();
            while (true)
            {
                var call = Interlocked.Exchange(ref posted, null);
                if (call != null) return call;
                if (Stopwatch.GetTimestamp() < spinUntil) { spinner.SpinOnce(sleep1Threshold: -1); continue; }

                // Going to sleep. Announce it, then look once more: the caller may have posted in between.
                Interlocked.Exchange(ref sleeping, 1);
                call = Interlocked.Exchange(ref posted, null);
                if (call != null)
                {
                    // Take back the announcement; if the caller already took it, it released wake once: consume that.
                    if (Interlocked.CompareExchange(ref sleeping, 0, 1) != 1) wake.Wait();
                    return call;
                }
                wake.Wait();
                spinUntil = Stopwatch.GetTimestamp() + SpinMicroseconds * Stopwatch.Frequency / 1_000_000;
            }
        }
    }
}
