using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepPrep.Backends.Gemm;

/// <summary>
/// One GEMM call after argument checks: C ← α·op(A)·op(B) + β·C with op(A)[i, p] = A[i·RsA + p·CsA]
/// and op(B)[p, j] = B[p·RsB + j·CsB], so a transpose is just swapped strides.
/// </summary>
internal readonly unsafe struct GemmArgs<T> where T : unmanaged
{
    public readonly int M, N, K;
    public readonly T* A, B, C;
    public readonly nint RsA, CsA, RsB, CsB, Ldc;
    public readonly T Alpha, Beta;

    public GemmArgs(int m, int n, int k, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint ldc, T alpha, T beta)
    {
        M = m; N = n; K = k;
        A = a; RsA = rsA; CsA = csA;
        B = b; RsB = rsB; CsB = csB;
        C = c; Ldc = ldc;
        Alpha = alpha; Beta = beta;
    }

    /// <summary>The sub-problem for rows [i0, i0 + m) and columns [j0, j0 + n) of C (same k).</summary>
    public GemmArgs<T> Block(int i0, int m, int j0, int n) =>
        new(m, n, K, A + i0 * RsA, RsA, CsA, B + j0 * CsB, RsB, CsB, C + i0 * Ldc + j0, Ldc, Alpha, Beta);
}

/// <summary>
/// The GEMM loop nest around the micro-kernel (the Goto/BLIS algorithm), its cache blocking, the
/// direct path for small matrices, and the split across cores.
/// </summary>
/// <remarks>
/// <para>Blocked algorithm, from the outside in (each loop carves a block that fits one level of cache):</para>
/// <code>
/// for jc in steps of NC:            B panel  KC×NC   (packed, stays in L3)
///   for pc in steps of KC:          pack op(B)[pc.., jc..] → Bp
///     for ic in steps of MC:        A block  MC×KC   (packed, stays in L2)
///       pack op(A)[ic.., pc..] → Ap
///       for jr in steps of NR:      B sliver KC×NR   (stays in L1 while the ir loop reuses it)
///         for ir in steps of MR:    A sliver MR×KC   (streams from L2)
///           micro-kernel: C[ic+ir.., jc+jr..] (MR×NR, in registers) += Ap sliver · Bp sliver
/// </code>
/// <para>C is updated once per KC block: the first block applies β, the later ones add (β = 1). Every path
/// (direct or packed, one thread or several, any vector width) sums each entry of C in the same order, so a
/// GEMM's result is reproducible bit for bit whatever route it takes (on CPUs with FMA).</para>
/// <para>How a call is routed (<see cref="Run"/>): k = 0 only scales C; a single row or column of C goes to
/// <see cref="Gemv{T, TVec, TSimd}"/>; products above <see cref="ParallelWork"/> are cut into one stripe per core
/// (<see cref="RunParallel"/>); each stripe (or a whole product below the threshold) runs the blocked algorithm,
/// or, below <see cref="DirectWork"/>, the unpacked <see cref="Direct"/> loop where packing would cost more
/// than it saves.</para>
/// </remarks>
internal static unsafe class GemmDriver<T, TVec, TSimd>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TVec : struct
    where TSimd : struct, ISimd<T, TVec>
{
    private const int MR = MicroKernel<T, TVec, TSimd>.MR;
    private static int NR => MicroKernel<T, TVec, TSimd>.NR;

    // ---- Cache blocking, sized in bytes so the same reasoning covers float/double and every vector width.
    // Numbers are for a Zen 3 / Skylake-class core: 32 KiB L1d, ≥ 512 KiB L2, a few MiB of L3 per core.

    /// <summary>KC: the B sliver (KC×NR) should fill about half of the 32 KiB L1, leaving the other half for
    /// the A sliver and C tile streaming through: 256 × 16 floats × 4 B = 16 KiB (256 × 8 doubles, the same).
    /// It is 256 for every type and vector width on purpose: KC fixes the order in which each entry of C is summed,
    /// so keeping it constant makes results identical whatever the vector width.</summary>
    private const int KC = 256;

    /// <summary>MC: the packed A block (MC×KC) should sit in L2 with room to spare for the B panel
    /// rows passing through: 144 KiB → 144 rows of floats or 72 rows of doubles (multiples of MR).</summary>
    private static int MC => 144 * 1024 / (KC * sizeof(T)) / MR * MR;

    /// <summary>NC: the packed B panel (KC×NC) targets L3: 4 MiB → 4096 floats or 2048 doubles wide.
    /// Matrices up to that width are one panel, so B is packed once per KC block.</summary>
    private static int NC => 4 * 1024 * 1024 / (KC * sizeof(T)) / NR * NR;

    /// <summary>Up to this many multiply-adds (m·n·k, per thread) the matrices are multiplied in place, without
    /// packing: at these sizes the operands already sit in L1/L2, so the copies cost more than they save.
    /// Measured on Zen 3, one thread: 80³ float 11.7 µs direct vs 14.2 µs packed, 96³ 18.7 vs 22.0 µs;
    /// at 128³ they are even for float and packing wins for double (101 vs 114 µs).</summary>
    internal static long DirectWork = 96 * 96 * 96;

    /// <summary>Above this many multiply-adds, the work is split across cores. A fork/join costs 1–3 µs
    /// (see <see cref="ForkJoin"/>); 64³ multiply-adds take ~5 µs per core, so below that splitting cannot win.</summary>
    internal static long ParallelWork = 64 * 64 * 64 + 1;

    // Pack buffers, one set per thread, reused across calls so that a GEMM allocates nothing after the first
    // call on a thread. They are pinned (allocated on the pinned object heap), so raw pointers into them stay valid.
    [ThreadStatic] private static T[]? aPackArray;
    [ThreadStatic] private static T[]? bPackArray;

    public static void Run(in GemmArgs<T> g)
    {
        if (g.M == 0 || g.N == 0) return;
        if (g.K == 0) { ScaleC(g); return; }
        if (g.M == 1 || g.N == 1) { VectorTimesMatrix(g); return; }

        long work = (long)g.M * g.N * g.K;
        int threads = work >= ParallelWork ? ForkJoin.MaxThreads : 1;
        if (threads > 1) RunParallel(g, threads);
        else RunSerial(g);
    }

    private static void RunSerial(in GemmArgs<T> g)
    {
        if ((long)g.M * g.N * g.K <= DirectWork) Direct(g);
        else Blocked(g);
    }

    /// <summary>
    /// Splits C into one stripe per thread (rows if C is taller than wide, else columns) and runs the serial
    /// algorithm on each stripe through <see cref="ForkJoin"/>. The stripes are independent, so there is no
    /// synchronisation beyond the final join; the price is that every thread packs its own copy of the shared
    /// operand (O(k·n) copies against O(m·n·k / threads) arithmetic, a few percent).
    /// </summary>
    private static void RunParallel(in GemmArgs<T> g, int threads)
    {
        bool splitRows = g.M >= g.N;
        int extent = splitRows ? g.M : g.N, unit = splitRows ? MR : NR;
        // Each stripe is a whole number of register tiles; no more stripes than there are tiles.
        int tiles = (extent + unit - 1) / unit;
        threads = Math.Min(Math.Min(threads, ForkJoin.MaxThreads), tiles);
        int stripe = (tiles + threads - 1) / threads * unit;
        threads = (extent + stripe - 1) / stripe;
        var job = stripeJob ??= new StripeJob();
        job.Args = g; job.SplitRows = splitRows; job.Stripe = stripe; job.Extent = extent;
        if (threads <= 1 || !ForkJoin.TryRun(job, parts: threads, threads)) RunSerial(g);
    }

    [ThreadStatic] private static StripeJob? stripeJob;

    /// <summary>Part t of a parallel GEMM: the t-th stripe of rows (or columns) of C.</summary>
    private sealed class StripeJob : IParallelJob
    {
        public GemmArgs<T> Args;
        public bool SplitRows;
        public int Stripe, Extent;

        public void Execute(int part)
        {
            int start = part * Stripe, size = Math.Min(Stripe, Extent - start);
            RunSerial(SplitRows ? Args.Block(start, size, 0, Args.N) : Args.Block(0, Args.M, start, size));
        }
    }

    /// <summary>The blocked, packed algorithm (see the class remarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blocked(in GemmArgs<T> g)
    {
        int kcMax = Math.Min(KC, g.K), ncMax = Math.Min(NC, RoundUp(g.N, NR)), mcMax = Math.Min(MC, RoundUp(g.M, MR));
        T* aPack = Rent(ref aPackArray, mcMax * kcMax);
        T* bPack = Rent(ref bPackArray, ncMax * kcMax);
        T* edge = stackalloc T[MR * NR];

        for (int jc = 0; jc < g.N; jc += NC)
        {
            int nc = Math.Min(NC, g.N - jc);
            for (int pc = 0; pc < g.K; pc += KC)
            {
                int kc = Math.Min(KC, g.K - pc);
                Packing<T, TVec, TSimd>.PackB(g.B + pc * g.RsB + jc * g.CsB, g.RsB, g.CsB, kc, nc, bPack);
                T beta = pc == 0 ? g.Beta : T.One; // later KC blocks accumulate onto the first
                for (int ic = 0; ic < g.M; ic += MC)
                {
                    int mc = Math.Min(MC, g.M - ic);
                    Packing<T, TVec, TSimd>.PackA(g.A + ic * g.RsA + pc * g.CsA, g.RsA, g.CsA, mc, kc, aPack);
                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int cols = Math.Min(NR, nc - jr);
                        T* bSliver = bPack + jr * kc;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int rows = Math.Min(MR, mc - ir);
                            T* c = g.C + (ic + ir) * g.Ldc + jc + jr;
                            Tile(kc, aPack + ir * kc, 1, MR, bSliver, NR, c, g.Ldc, rows, cols, g.Alpha, beta, edge);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Small matrices: the micro-kernel reads A and B where they are (through their strides), and only
    /// what it cannot read in place is packed: the ragged rows of a matrix shorter than one tile (padded with zeros),
    /// a ragged last column sliver, and B slivers when B is transposed (the kernel needs each row of a B sliver contiguous). k is cut into the same KC blocks
    /// as in <see cref="Blocked"/>, so both paths add up every entry in the same order and give bit-identical
    /// results: which path (or thread split) a product takes never changes its value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Direct(in GemmArgs<T> g)
    {
        int m = g.M, n = g.N, fullRows = m / MR * MR, kcMax = Math.Min(KC, g.K);
        // Pack buffer: one B sliver (kc×NR) plus the ragged A sliver (MR×kc).
        T* bSliver = Rent(ref bPackArray, kcMax * NR + kcMax * MR);
        T* aEdge = bSliver + kcMax * NR;
        T* edge = stackalloc T[MR * NR];

        for (int pc = 0; pc < g.K; pc += KC)
        {
            int kc = Math.Min(KC, g.K - pc);
            T beta = pc == 0 ? g.Beta : T.One;
            T* a = g.A + pc * g.CsA, bBlock = g.B + pc * g.RsB;
            // The ragged bottom rows (m not a multiple of MR): with at least MR rows the last tile is simply moved up to
            // end at row m (see ShiftedBottomTile), so A is read in place; only a matrix shorter than one tile is packed.
            bool shiftLastTile = m >= MR;
            if (fullRows < m && !shiftLastTile) Packing<T, TVec, TSimd>.PackA(a + fullRows * g.RsA, g.RsA, g.CsA, m - fullRows, kc, aEdge);
            for (int j = 0; j < n; j += NR)
            {
                int cols = Math.Min(NR, n - j);
                T* b;
                nint rsB;
                if (cols == NR && g.CsB == 1) { b = bBlock + j; rsB = g.RsB; }
                else
                {
                    Packing<T, TVec, TSimd>.PackB(bBlock + j * g.CsB, g.RsB, g.CsB, kc, cols, bSliver);
                    b = bSliver; rsB = NR;
                }
                for (int i = 0; i < fullRows; i += MR)
                    Tile(kc, a + i * g.RsA, g.RsA, g.CsA, b, rsB, g.C + i * g.Ldc + j, g.Ldc, MR, cols, g.Alpha, beta, edge);
                if (fullRows < m && shiftLastTile)
                    ShiftedBottomTile(kc, a + (m - MR) * g.RsA, g.RsA, g.CsA, b, rsB, g.C + (m - MR) * g.Ldc + j, g.Ldc, m - fullRows, cols, g.Alpha, beta, edge);
                else if (fullRows < m)
                    Tile(kc, aEdge, 1, MR, b, rsB, g.C + fullRows * g.Ldc + j, g.Ldc, m - fullRows, cols, g.Alpha, beta, edge);
            }
        }
    }

    /// <summary>
    /// One rows×cols tile of C. A full tile goes straight to C; a ragged one (at the bottom or right edge)
    /// is computed in full into a scratch tile, and only the part that exists is written to C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int kc, T* a, nint rsA, nint csA, T* b, nint rsB, T* c, nint ldc,
                             int rows, int cols, T alpha, T beta, T* edge)
    {
        if (rows == MR && cols == NR)
        {
            MicroKernel<T, TVec, TSimd>.Run(kc, a, rsA, csA, b, rsB, c, ldc, alpha, beta);
            return;
        }
        int nr = NR;
        MicroKernel<T, TVec, TSimd>.Run(kc, a, rsA, csA, b, rsB, edge, nr, alpha, T.Zero);
        for (int r = 0; r < rows; r++)
        {
            T* cr = c + r * ldc;
            T* er = edge + r * nr;
            if (beta == T.Zero) for (int j = 0; j < cols; j++) cr[j] = er[j];
            else for (int j = 0; j < cols; j++) cr[j] = T.FusedMultiplyAdd(beta, cr[j], er[j]); // as the full tile does
        }
    }

    /// <summary>
    /// The last <paramref name="rows"/> (&lt; MR) rows of C when C has at least MR rows: the full MR-row tile ending at the
    /// last row is computed into the scratch tile, straight from A in place (rows m − MR … m − 1 all exist, so nothing
    /// needs padding), and only its bottom <paramref name="rows"/> rows are written; the ones above were written by the
    /// previous tile. Each entry is summed in the same order as in any other tile, so the result is the same as with
    /// packing, bit for bit; the price is MR − rows rows of repeated arithmetic, instead of copying an MR×kc sliver.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShiftedBottomTile(int kc, T* a, nint rsA, nint csA, T* b, nint rsB, T* c, nint ldc,
                                          int rows, int cols, T alpha, T beta, T* edge)
    {
        int nr = NR;
        MicroKernel<T, TVec, TSimd>.Run(kc, a, rsA, csA, b, rsB, edge, nr, alpha, T.Zero);
        for (int r = MR - rows; r < MR; r++)
        {
            T* cr = c + r * ldc;
            T* er = edge + r * nr;
            if (beta == T.Zero) for (int j = 0; j < cols; j++) cr[j] = er[j];
            else for (int j = 0; j < cols; j++) cr[j] = T.FusedMultiplyAdd(beta, cr[j], er[j]);
        }
    }

    /// <summary>C is one row or one column: see <see cref="Gemv{T, TVec, TSimd}"/>.</summary>
    private static void VectorTimesMatrix(in GemmArgs<T> g)
    {
        T* scratch = Rent(ref bPackArray, g.K);
        if (g.M == 1) // c[0, j] = Σ_p op(A)[0, p]·op(B)[p, j]
            Gemv<T, TVec, TSimd>.RowTimesMatrix(g.N, g.K, g.A, g.CsA, g.B, g.RsB, g.CsB, g.C, 1, g.Alpha, g.Beta, scratch);
        else          // c[i, 0] = Σ_p op(B)[p, 0]·op(A)[i, p]: the row case with op(A)ᵀ as the matrix
            Gemv<T, TVec, TSimd>.RowTimesMatrix(g.M, g.K, g.B, g.RsB, g.A, g.CsA, g.RsA, g.C, g.Ldc, g.Alpha, g.Beta, scratch);
    }

    /// <summary>k = 0: the product is empty, so C ← α·0 + β·C (C is overwritten with zeros when β = 0).</summary>
    private static void ScaleC(in GemmArgs<T> g)
    {
        T zero = g.Alpha * T.Zero;
        for (int i = 0; i < g.M; i++)
        {
            var row = new Span<T>(g.C + i * g.Ldc, g.N);
            if (g.Beta == T.Zero) row.Fill(zero);
            else for (int j = 0; j < row.Length; j++) row[j] = zero + g.Beta * row[j];
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>A pointer to at least <paramref name="length"/> elements of this thread's buffer, aligned to 64 bytes (a cache line).</summary>
    private static T* Rent(ref T[]? buffer, int length)
    {
        int padding = 64 / sizeof(T);
        if (buffer == null || buffer.Length < length + padding)
            buffer = GC.AllocateUninitializedArray<T>(Math.Max(length + padding, 4096), pinned: true);
        T* p = (T*)Unsafe.AsPointer(ref buffer[0]);
        nint misalignment = (nint)p & 63;
        return misalignment == 0 ? p : (T*)((byte*)p + (64 - misalignment));
    }
}
