namespace DeepPrep.Classic;

// Discrete AdaBoost (Freund & Schapire 1997) with decision stumps: the boosting half of the ensembles
// notebook. Bagging averages models fitted independently to resampled data; boosting fits them one after
// another, each to a reweighted copy of the data in which the examples the ensemble so far gets wrong
// weigh more. Written with labels y ∈ {−1, +1} and stump outputs h(x) ∈ {−1, +1} (class c ↦ 2c − 1),
// the algorithm is, for rounds t = 1..T, starting from w_i = 1/N:
//
//   h_t  = the stump with the least weighted error ε_t = Σ_{i: h_t(x_i) ≠ y_i} w_i
//   α_t  = ½ ln((1 − ε_t)/ε_t)                      (the vote of h_t; 0 for a coin flip, large for a good stump)
//   w_i ← w_i · exp(−α_t y_i h_t(x_i)) / Z_t,       Z_t = 2√(ε_t(1 − ε_t))   (renormalise to sum 1)
//
// and the ensemble predicts sign(Σ_t α_t h_t(x)). Because exp(−y·F(x)) ≥ [sign F(x) ≠ y], the training error
// after T rounds is at most Π_t Z_t = Π_t 2√(ε_t(1 − ε_t)): it falls exponentially as long as every stump
// beats a coin flip by some margin (Schapire & Freund, "Boosting", 2012, Thm 3.1).

/// <summary>
/// Discrete AdaBoost with <see cref="DecisionStump"/> weak learners, for two classes {0, 1}.
/// </summary>
/// <remarks>
/// Everything a notebook wants to plot is kept per round: the stumps, their votes <see cref="Alphas"/>,
/// their weighted errors <see cref="WeightedErrors"/> and the training-error bound <see cref="Bound"/>;
/// <see cref="StagedErrors(double[,], int[])"/> gives the error of the first t rounds' vote on any data. One round costs
/// one exhaustive stump fit, O(d · N log N).
/// </remarks>
public sealed class AdaBoost
{
    // A weighted error this small counts as a perfect stump: its vote is capped (α ≈ 13.8) instead of infinite.
    private const double MinError = 1e-12;

    private readonly List<DecisionStump> stumps = new();
    private readonly List<double> alphas = new(), errors = new(), bound = new();

    /// <summary>The stump of each round.</summary>
    public IReadOnlyList<DecisionStump> Stumps => stumps;

    /// <summary>α_t = ½ ln((1 − ε_t)/ε_t): each stump's vote.</summary>
    public IReadOnlyList<double> Alphas => alphas;

    /// <summary>ε_t: each stump's error under the weights of its round (weights summing to 1).</summary>
    public IReadOnlyList<double> WeightedErrors => errors;

    /// <summary>Π_{s ≤ t} 2√(ε_s(1 − ε_s)) after each round t: an upper bound on the training error then.</summary>
    public IReadOnlyList<double> Bound => bound;

    /// <summary>The sample weights going into the next round (sum 1), length N.</summary>
    public double[] Weights { get; private set; } = [];

    /// <summary>Number of rounds run (fewer than asked if a stump did no better than a coin flip).</summary>
    public int Rounds => stumps.Count;

    /// <summary>
    /// Runs <paramref name="rounds"/> rounds of AdaBoost on x [N, d] with labels 0/1. Stops early if the
    /// best stump's weighted error reaches ½ (it can then add nothing: α = 0 and the weights stay put).
    /// </summary>
    public static AdaBoost Fit(double[,] x, int[] labels, int rounds)
    {
        if (rounds < 1) throw new ArgumentOutOfRangeException(nameof(rounds), $"AdaBoost: need at least one round, got {rounds}.");
        int n = x.GetLength(0);
        if (labels.Length != n) throw new ArgumentException($"AdaBoost: {n} rows but {labels.Length} labels.");
        var model = new AdaBoost { Weights = Enumerable.Repeat(1.0 / n, n).ToArray() };
        for (int t = 0; t < rounds; t++)
        {
            var stump = DecisionStump.Fit(x, labels, model.Weights);
            var (alpha, epsilon, next) = Reweight(model.Weights, labels, stump.Predict(x));
            if (epsilon >= 0.5) break;
            model.stumps.Add(stump);
            model.alphas.Add(alpha);
            model.errors.Add(epsilon);
            // Z_t = Σ w_i e^{−α y_i h_i} = (1 − ε)e^{−α} + εe^{α}, which is 2√(ε(1 − ε)) for the optimal α;
            // written this way it stays exact when α is capped for a perfect stump (ε = 0).
            double z = (1 - epsilon) * Math.Exp(-alpha) + epsilon * Math.Exp(alpha);
            model.bound.Add((model.bound.Count == 0 ? 1 : model.bound[^1]) * z);
            model.Weights = next;
        }
        return model;
    }

    /// <summary>Fit on a tensor x [N, d] (see <see cref="Fit(double[,], int[], int)"/>).</summary>
    public static AdaBoost Fit(Tensor x, int[] labels, int rounds)
    {
        if (x.Rank != 2) throw new ArgumentException($"AdaBoost: inputs must be a matrix [N, d], got shape {Shapes.Format(x.Shape)}.");
        return Fit(x.ToArray2D(), labels, rounds);
    }

    /// <summary>
    /// One round's update, given the weak learner's predictions: ε = Σ w_i [ĉ_i ≠ c_i] / Σ w_i,
    /// α = ½ ln((1 − ε)/ε), and the new weights w_i·e^{−α y_i h_i}, renormalised to sum 1
    /// (misclassified examples are multiplied by e^{α}, correct ones by e^{−α}).
    /// </summary>
    /// <param name="weights">Current weights, length N (need not sum to 1).</param>
    /// <param name="labels">True classes 0/1.</param>
    /// <param name="predicted">The weak learner's classes 0/1.</param>
    /// <returns>α, ε and the new weights (a new array; the input is not changed).</returns>
    public static (double Alpha, double Error, double[] Weights) Reweight(double[] weights, int[] labels, int[] predicted)
    {
        if (weights.Length != labels.Length || predicted.Length != labels.Length)
            throw new ArgumentException($"AdaBoost.Reweight: lengths differ (weights {weights.Length}, labels {labels.Length}, predicted {predicted.Length}).");
        double total = 0, wrong = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            if (predicted[i] != labels[i]) wrong += weights[i];
        }
        double epsilon = wrong / total;
        double clamped = Math.Clamp(epsilon, MinError, 1 - MinError);
        double alpha = 0.5 * Math.Log((1 - clamped) / clamped);
        var next = new double[weights.Length];
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            next[i] = weights[i] * Math.Exp(predicted[i] == labels[i] ? -alpha : alpha);
            sum += next[i];
        }
        for (int i = 0; i < next.Length; i++) next[i] /= sum;
        return (alpha, epsilon, next);
    }

    /// <summary>F(x) = Σ_{t ≤ rounds} α_t h_t(x) with h ∈ {−1, +1}: the vote of the first <paramref name="rounds"/> stumps (default all).</summary>
    public double Score(ReadOnlySpan<double> x, int? rounds = null)
    {
        int count = Math.Min(rounds ?? stumps.Count, stumps.Count);
        double score = 0;
        for (int t = 0; t < count; t++) score += alphas[t] * (2 * stumps[t].Predict(x) - 1);
        return score;
    }

    /// <summary>The ensemble's class for one row: 1 if the vote F(x) &gt; 0, else 0.</summary>
    public int Predict(ReadOnlySpan<double> x, int? rounds = null) => Score(x, rounds) > 0 ? 1 : 0;

    /// <summary>Classes of every row of x [N, d], as a float64 tensor [N] (the form <c>Chart.DecisionRegions</c> takes).</summary>
    public Tensor Predict(Tensor x, int? rounds = null)
    {
        var values = x.ToArray2D();
        var classes = new double[values.GetLength(0)];
        var row = new double[values.GetLength(1)];
        for (int i = 0; i < classes.Length; i++)
        {
            for (int j = 0; j < row.Length; j++) row[j] = values[i, j];
            classes[i] = Predict(row, rounds);
        }
        return Tensor.From(classes, classes.Length);
    }

    /// <summary>
    /// The error rate on (x, labels) of the first t rounds' vote, for t = 1..<see cref="Rounds"/>
    /// (element t − 1). On the training set this is the curve that <see cref="Bound"/> bounds.
    /// </summary>
    public double[] StagedErrors(double[,] x, int[] labels)
    {
        int n = x.GetLength(0);
        if (labels.Length != n) throw new ArgumentException($"AdaBoost: {n} rows but {labels.Length} labels.");
        var score = new double[n];
        var staged = new double[stumps.Count];
        for (int t = 0; t < stumps.Count; t++)
        {
            var h = stumps[t].Predict(x);
            int wrong = 0;
            for (int i = 0; i < n; i++)
            {
                score[i] += alphas[t] * (2 * h[i] - 1);
                if ((score[i] > 0 ? 1 : 0) != labels[i]) wrong++;
            }
            staged[t] = (double)wrong / n;
        }
        return staged;
    }

    /// <summary>Staged errors on a tensor x [N, d] (see <see cref="StagedErrors(double[,], int[])"/>).</summary>
    public double[] StagedErrors(Tensor x, int[] labels) => StagedErrors(x.ToArray2D(), labels);

    public override string ToString() =>
        $"AdaBoost({Rounds} stumps" + (Rounds > 0 ? $", training-error bound {bound[^1]:G3})" : ")");
}
