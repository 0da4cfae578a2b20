namespace DeepPrep.EnergyModels;

/// <summary>
/// A restricted Boltzmann machine with binary visible units v ∈ {0,1}ⱽ and binary hidden units h ∈ {0,1}ᴴ:
/// an energy-based generative model p(v, h) = exp(−E(v, h)) / Z with
/// E(v, h) = −aᵀv − bᵀh − vᵀWh, W [V, H], a [V], b [H].
/// </summary>
/// <remarks>
/// <para><b>Restricted</b> means the only connections are visible–hidden (no visible–visible, no hidden–hidden), so
/// given one layer the units of the other are independent:
/// p(hⱼ = 1 | v) = σ(bⱼ + Σᵢ vᵢWᵢⱼ), p(vᵢ = 1 | h) = σ(aᵢ + Σⱼ Wᵢⱼhⱼ).
/// A general Boltzmann machine (Ackley, Hinton &amp; Sejnowski 1985) also has links within layers, and then neither
/// conditional factorises.</para>
/// <para><b>Free energy.</b> Summing the hidden units out is exact and cheap, because the sum factorises over them:
/// F(v) = −log Σₕ exp(−E(v, h)) = −aᵀv − Σⱼ softplus(bⱼ + (vᵀW)ⱼ), and p(v) = exp(−F(v)) / Z.</para>
/// <para><b>Partition function.</b> Z = Σᵥ Σₕ exp(−E) has 2^(V+H) terms. Summing the visible units out instead gives
/// log Z = log Σₕ exp(bᵀh + Σᵢ softplus(aᵢ + (Wh)ᵢ)): 2ᴴ terms, exact for a small hidden layer
/// (<see cref="LogPartition"/> allows H ≤ 24; notebook 19 uses H = 10, 1,024 terms). With it the log-likelihood
/// log p(v) = −F(v) − log Z is exact, which is rare for an energy-based model and what makes the RBM a good teaching
/// case: training can be watched on the true objective, not a proxy.</para>
/// <para><b>Training: contrastive divergence (CD-k, Hinton 2002).</b> ∂log p(v)/∂W = v·p(h|v)ᵀ − E_model[v·hᵀ].
/// The second (model) expectation is intractable in general; CD-k replaces it by the statistics after k steps of
/// Gibbs sampling started at the data. Following Hinton's practical guide (2010): the hidden states driving the chain
/// are sampled, the reconstructed visible units are their probabilities, and the statistics use hidden probabilities.</para>
/// <para>Everything is float64 on plain arrays (row-major): the sizes are tiny and the log-likelihoods are exact numbers.</para>
/// </remarks>
public sealed class Rbm
{
    /// <summary>Number of visible units V.</summary>
    public int Visible { get; }
    /// <summary>Number of hidden units H.</summary>
    public int Hidden { get; }
    /// <summary>Weights W [V, H], row-major: <c>Weight[i * Hidden + j]</c> links visible i and hidden j.</summary>
    public double[] Weight { get; }
    /// <summary>Visible biases a [V].</summary>
    public double[] VisibleBias { get; }
    /// <summary>Hidden biases b [H].</summary>
    public double[] HiddenBias { get; }

    /// <summary>The largest hidden layer <see cref="LogPartition"/> will enumerate (2²⁴ ≈ 17 million states).</summary>
    public const int MaxEnumeratedHidden = 24;

    /// <param name="visible">V, the number of visible units.</param>
    /// <param name="hidden">H, the number of hidden units.</param>
    /// <param name="weightSd">Initial weights are N(0, weightSd²); Hinton's guide suggests 0.01. Biases start at 0.</param>
    /// <param name="rng">Where the initial weights come from (default: the global seed's init stream).</param>
    public Rbm(int visible, int hidden, double weightSd = 0.01, Rng? rng = null)
    {
        if (visible <= 0 || hidden <= 0) throw new ArgumentException($"Rbm: sizes must be positive, got {visible} visible, {hidden} hidden.");
        if (!(weightSd >= 0)) throw new ArgumentException($"Rbm: weightSd must be ≥ 0, got {weightSd}.", nameof(weightSd));
        Visible = visible;
        Hidden = hidden;
        rng ??= Seed.Global.Init;
        Weight = new double[visible * hidden];
        if (weightSd > 0) for (int k = 0; k < Weight.Length; k++) Weight[k] = rng.Normal(0, weightSd);
        VisibleBias = new double[visible];
        HiddenBias = new double[hidden];
    }

    /// <summary>The weights as a float64 tensor [V, H] (a copy).</summary>
    public Tensor WeightTensor => Tensor.From(Weight, Visible, Hidden);

    /// <summary>
    /// Sets each visible bias to log(pᵢ / (1 − pᵢ)), pᵢ the mean of visible unit i over the data rows [n, V]
    /// (clamped to [0.001, 0.999]). With zero weights the model is then exactly "independent pixels with their
    /// empirical frequencies", the best model without interactions (Hinton 2010, §8).
    /// </summary>
    public Rbm InitVisibleBiasFromData(Tensor data)
    {
        var (x, n) = Rows(data, "InitVisibleBiasFromData");
        for (int i = 0; i < Visible; i++)
        {
            double p = 0;
            for (int r = 0; r < n; r++) p += x[r * Visible + i];
            p = Math.Clamp(p / n, 1e-3, 1 - 1e-3);
            VisibleBias[i] = Math.Log(p / (1 - p));
        }
        return this;
    }

    /// <summary>E(v, h) = −aᵀv − bᵀh − vᵀWh for one visible vector [V] and one hidden vector [H].</summary>
    public double Energy(double[] v, double[] h)
    {
        RequireLength(v, Visible, "Energy", "v");
        RequireLength(h, Hidden, "Energy", "h");
        double e = 0;
        for (int i = 0; i < Visible; i++) e -= VisibleBias[i] * v[i];
        for (int j = 0; j < Hidden; j++) e -= HiddenBias[j] * h[j];
        for (int i = 0; i < Visible; i++)
        {
            if (v[i] == 0) continue;
            for (int j = 0; j < Hidden; j++) e -= v[i] * Weight[i * Hidden + j] * h[j];
        }
        return e;
    }

    /// <summary>F(v) = −aᵀv − Σⱼ softplus(bⱼ + (vᵀW)ⱼ) for one visible vector [V].</summary>
    public double FreeEnergy(double[] v)
    {
        RequireLength(v, Visible, "FreeEnergy", "v");
        return FreeEnergyRow(v, 0);
    }

    /// <summary>F(v) for every row of <paramref name="v"/> [n, V]; returns [n].</summary>
    public double[] FreeEnergy(Tensor v)
    {
        var (x, n) = Rows(v, "FreeEnergy");
        var result = new double[n];
        for (int r = 0; r < n; r++) result[r] = FreeEnergyRow(x, r * Visible);
        return result;
    }

    /// <summary>
    /// log Z, exactly, by enumerating the 2ᴴ hidden states: log Σₕ exp(bᵀh + Σᵢ softplus(aᵢ + (Wh)ᵢ))
    /// (the visible units summed out analytically), accumulated with a running log-sum-exp.
    /// </summary>
    /// <exception cref="InvalidOperationException">More than <see cref="MaxEnumeratedHidden"/> hidden units.</exception>
    public double LogPartition()
    {
        if (Hidden > MaxEnumeratedHidden)
            throw new InvalidOperationException($"Rbm.LogPartition: enumerating 2^{Hidden} hidden states is too many (limit 2^{MaxEnumeratedHidden}); exact log Z needs a small hidden layer (or use annealed importance sampling).");
        var pre = new double[Visible];
        double max = double.NegativeInfinity, sum = 0;
        long states = 1L << Hidden;
        for (long s = 0; s < states; s++)
        {
            // −(free energy of h) = bᵀh + Σᵢ softplus(aᵢ + (W h)ᵢ)
            double term = 0;
            Array.Copy(VisibleBias, pre, Visible);
            for (int j = 0; j < Hidden; j++)
            {
                if (((s >> j) & 1) == 0) continue;
                term += HiddenBias[j];
                for (int i = 0; i < Visible; i++) pre[i] += Weight[i * Hidden + j];
            }
            for (int i = 0; i < Visible; i++) term += Softplus(pre[i]);
            // Running log-sum-exp: keep sum = Σ exp(term − max).
            if (term > max) { sum = sum * Math.Exp(max - term) + 1; max = term; }
            else sum += Math.Exp(term - max);
        }
        return max + Math.Log(sum);
    }

    /// <summary>
    /// The mean exact log-likelihood (1/n) Σ log p(vᵣ) = −mean F(v) − log Z, in nats per example, of the rows of
    /// <paramref name="v"/> [n, V]. Pass <paramref name="logPartition"/> to reuse a computed log Z.
    /// </summary>
    public double MeanLogLikelihood(Tensor v, double? logPartition = null) =>
        -FreeEnergy(v).Average() - (logPartition ?? LogPartition());

    /// <summary>p(hⱼ = 1 | v) = σ(bⱼ + (vᵀW)ⱼ) for every row of <paramref name="v"/> [n, V]; float64 [n, H].</summary>
    public Tensor HiddenProbabilities(Tensor v)
    {
        var (x, n) = Rows(v, "HiddenProbabilities");
        return Tensor.From(HiddenProbabilities(x, n), n, Hidden);
    }

    /// <summary>p(vᵢ = 1 | h) = σ(aᵢ + (Wh)ᵢ) for every row of <paramref name="h"/> [n, H]; float64 [n, V].</summary>
    public Tensor VisibleProbabilities(Tensor h)
    {
        if (h.Rank != 2 || h.Dim(1) != Hidden)
            throw new ArgumentException($"Rbm.VisibleProbabilities: expected [n, {Hidden}], got {Shapes.Format(h.Shape)}.");
        int n = h.Dim(0);
        return Tensor.From(VisibleProbabilities(h.ToArray(), n), n, Visible);
    }

    /// <summary>
    /// p(h | v) for one visible vector, over all 2ᴴ hidden states, computed the brute-force way from the joint:
    /// exp(−E(v, h)) / Σ_h' exp(−E(v, h')). Entry s is the state whose unit j is bit j of s. For checking that the
    /// posterior factorises into the sigmoids of <see cref="HiddenProbabilities(Tensor)"/> (H ≤ 20).
    /// </summary>
    public double[] HiddenPosteriorByEnumeration(double[] v)
    {
        RequireLength(v, Visible, "HiddenPosteriorByEnumeration", "v");
        if (Hidden > 20) throw new InvalidOperationException($"Rbm.HiddenPosteriorByEnumeration: 2^{Hidden} states is too many (limit 2^20).");
        int states = 1 << Hidden;
        var logits = new double[states];
        var h = new double[Hidden];
        for (int s = 0; s < states; s++)
        {
            for (int j = 0; j < Hidden; j++) h[j] = (s >> j) & 1;
            logits[s] = -Energy(v, h);
        }
        double max = logits.Max(), total = 0;
        for (int s = 0; s < states; s++) total += logits[s] = Math.Exp(logits[s] - max);
        for (int s = 0; s < states; s++) logits[s] /= total;
        return logits;
    }

    /// <summary>
    /// One CD-k update on a mini-batch <paramref name="batch"/> [n, V] (binary or in [0, 1]):
    /// W += η·(v₀ᵀp(h|v₀) − vₖᵀp(h|vₖ))/n, a += η·mean(v₀ − vₖ), b += η·mean(p(h|v₀) − p(h|vₖ)).
    /// The chain: hₜ ~ p(h | vₜ) (sampled), vₜ₊₁ = p(v | hₜ) (probabilities), k times.
    /// Returns the mean squared reconstruction error ‖v₀ − v₁‖²/V per example after the first step (a cheap, rough
    /// progress signal; it is not the objective).
    /// </summary>
    public double ContrastiveDivergence(Tensor batch, double learningRate, int k = 1, Rng? rng = null)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "CD-k needs k ≥ 1 Gibbs steps.");
        rng ??= Seed.Global.Dropout;
        var (v0, n) = Rows(batch, "ContrastiveDivergence");
        var h0 = HiddenProbabilities(v0, n);                    // [n, H] positive-phase statistics
        double[] v = v0, hProb = h0;
        double reconstruction = double.NaN;
        for (int step = 0; step < k; step++)
        {
            var hSample = Sample(hProb, rng);
            v = VisibleProbabilities(hSample, n);                // [n, V]
            hProb = HiddenProbabilities(v, n);                   // [n, H]
            if (step == 0)
            {
                double sq = 0;
                for (int t = 0; t < v.Length; t++) sq += (v0[t] - v[t]) * (v0[t] - v[t]);
                reconstruction = sq / (n * Visible);
            }
        }
        double scale = learningRate / n;
        for (int r = 0; r < n; r++)
        {
            int vo = r * Visible, ho = r * Hidden;
            for (int i = 0; i < Visible; i++)
            {
                double pos = v0[vo + i], neg = v[vo + i];
                for (int j = 0; j < Hidden; j++)
                    Weight[i * Hidden + j] += scale * (pos * h0[ho + j] - neg * hProb[ho + j]);
                VisibleBias[i] += scale * (pos - neg);
            }
            for (int j = 0; j < Hidden; j++) HiddenBias[j] += scale * (h0[ho + j] - hProb[ho + j]);
        }
        return reconstruction;
    }

    /// <summary>
    /// Runs <paramref name="steps"/> steps of block Gibbs sampling from the rows of <paramref name="start"/> [n, V]:
    /// h ~ p(h | v), then v ~ p(v | h), both sampled. Returns the visible <i>probabilities</i> p(v | h) of the last step
    /// [n, V] (smoother to look at than the binary sample; sample them to continue the chain).
    /// </summary>
    public Tensor Gibbs(Tensor start, int steps, Rng? rng = null)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Gibbs needs at least one step.");
        rng ??= Seed.Global.Dropout;
        var (v, n) = Rows(start, "Gibbs");
        double[] vProb = v;
        for (int step = 0; step < steps; step++)
        {
            var h = Sample(HiddenProbabilities(v, n), rng);
            vProb = VisibleProbabilities(h, n);
            v = Sample(vProb, rng);
        }
        return Tensor.From(vProb, n, Visible);
    }

    /// <summary>Independent Bernoulli samples: 1 with probability pₜ, else 0, for every entry of <paramref name="p"/>.</summary>
    public static double[] Sample(double[] p, Rng rng)
    {
        var s = new double[p.Length];
        for (int t = 0; t < p.Length; t++) s[t] = rng.NextDouble() < p[t] ? 1 : 0;
        return s;
    }

    private double FreeEnergyRow(double[] x, int offset)
    {
        double f = 0;
        for (int i = 0; i < Visible; i++) f -= VisibleBias[i] * x[offset + i];
        for (int j = 0; j < Hidden; j++)
        {
            double pre = HiddenBias[j];
            for (int i = 0; i < Visible; i++) pre += x[offset + i] * Weight[i * Hidden + j];
            f -= Softplus(pre);
        }
        return f;
    }

    // [n, V] → [n, H]: σ(b + v·W)
    private double[] HiddenProbabilities(double[] v, int n)
    {
        var p = new double[n * Hidden];
        for (int r = 0; r < n; r++)
            for (int j = 0; j < Hidden; j++)
            {
                double pre = HiddenBias[j];
                for (int i = 0; i < Visible; i++) pre += v[r * Visible + i] * Weight[i * Hidden + j];
                p[r * Hidden + j] = Sigmoid(pre);
            }
        return p;
    }

    // [n, H] → [n, V]: σ(a + h·Wᵀ)
    private double[] VisibleProbabilities(double[] h, int n)
    {
        var p = new double[n * Visible];
        for (int r = 0; r < n; r++)
            for (int i = 0; i < Visible; i++)
            {
                double pre = VisibleBias[i];
                for (int j = 0; j < Hidden; j++) pre += h[r * Hidden + j] * Weight[i * Hidden + j];
                p[r * Visible + i] = Sigmoid(pre);
            }
        return p;
    }

    /// <summary>σ(x) = 1/(1 + e⁻ˣ), written to avoid overflow for large |x|.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>softplus(x) = log(1 + eˣ) = max(x, 0) + log(1 + e^−|x|), stable for large |x|.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    private (double[] Values, int Rows) Rows(Tensor t, string method)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Rank != 2 || t.Dim(1) != Visible)
            throw new ArgumentException($"Rbm.{method}: expected visible rows [n, {Visible}], got {Shapes.Format(t.Shape)}.");
        var values = t.ToArray();
        foreach (double x in values)
            if (!(x >= 0 && x <= 1))
                throw new ArgumentException($"Rbm.{method}: visible values must lie in [0, 1] (binary data or probabilities), found {x}.");
        return (values, t.Dim(0));
    }

    private static void RequireLength(double[] x, int length, string method, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Length != length) throw new ArgumentException($"Rbm.{method}: {name} has {x.Length} entries, expected {length}.", name);
    }
}
