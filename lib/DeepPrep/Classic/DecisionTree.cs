namespace DeepPrep.Classic;

// A small exhaustive decision tree: the classical baseline of curriculum X3 (a 2-layer linear network vs a
// depth-2 tree) and of the feature-scaling notebook (trees don't care about scale). Greedy trees (CART) pick
// the best single split at each node and can fail on XOR, where no first split helps on its own; searching
// all splits of the root *together with* the best splits below it finds the optimal tree over the candidate
// thresholds.

/// <summary>
/// A classification tree of limited depth whose splits are x[feature] ≤ threshold (go left) and whose leaves
/// predict a class. <see cref="Fit"/> finds the tree with the fewest training errors among all trees of that
/// depth built from the candidate thresholds: for every feature, the q-quantiles k/(q+1), k = 1..q, of the
/// training values (q = 49 by default).
/// </summary>
/// <remarks>
/// Exhaustive search: a depth-D tree = a root split + optimal depth-(D−1) trees on each side, so the cost is
/// (d·q)^(D−1) · N·d for N examples with d features: fine for D ≤ 2 (a depth-2 tree on 1,000 × 10 examples
/// takes about 490 · 10⁴ steps); depth 3 would be 490 times more.
/// </remarks>
public sealed class DecisionTree
{
    /// <summary>Feature tested at this node, or −1 for a leaf.</summary>
    public int Feature { get; private init; } = -1;

    /// <summary>Split point: examples with x[Feature] ≤ Threshold go left.</summary>
    public double Threshold { get; private init; }

    /// <summary>Subtree for x[Feature] ≤ Threshold (null at a leaf).</summary>
    public DecisionTree? Left { get; private init; }

    /// <summary>Subtree for x[Feature] &gt; Threshold (null at a leaf).</summary>
    public DecisionTree? Right { get; private init; }

    /// <summary>The class a leaf predicts (at an inner node: the majority class of its training examples).</summary>
    public int Class { get; private init; }

    /// <summary>Training examples this node misclassifies (the sum over its leaves).</summary>
    public int Errors { get; private init; }

    /// <summary>True at a leaf.</summary>
    public bool IsLeaf => Feature < 0;

    /// <summary>Depth of the tree (0 for a single leaf).</summary>
    public int Depth => IsLeaf ? 0 : 1 + Math.Max(Left!.Depth, Right!.Depth);

    /// <summary>
    /// The depth-limited tree with the fewest training errors over the candidate thresholds (ties: the first found,
    /// features in order, thresholds ascending; a split is kept only if it lowers the errors).
    /// </summary>
    /// <param name="x">Inputs [N, d].</param>
    /// <param name="labels">Classes 0..K−1, length N.</param>
    /// <param name="depth">Maximum depth (0 = one leaf, 1 = a stump, 2 = the curriculum's tree).</param>
    /// <param name="thresholds">Candidate thresholds per feature (quantiles of the training values).</param>
    public static DecisionTree Fit(Tensor x, int[] labels, int depth = 2, int thresholds = 49)
    {
        if (x.Rank != 2) throw new ArgumentException($"DecisionTree: inputs must be a matrix [N, d], got shape {Shapes.Format(x.Shape)}.");
        int n = x.Dim(0), d = x.Dim(1);
        if (labels.Length != n) throw new ArgumentException($"DecisionTree: {n} rows but {labels.Length} labels.");
        if (n == 0) throw new ArgumentException("DecisionTree: no training examples.");
        if (depth < 0) throw new ArgumentOutOfRangeException(nameof(depth), $"DecisionTree: depth must be ≥ 0, got {depth}.");
        if (thresholds < 1) throw new ArgumentOutOfRangeException(nameof(thresholds), $"DecisionTree: need at least one threshold, got {thresholds}.");
        if (labels.Any(l => l < 0)) throw new ArgumentException("DecisionTree: labels must be ≥ 0.");
        int classes = labels.Max() + 1;
        var values = x.ToArray2D();

        // Candidate thresholds per feature: the empirical quantiles k/(q+1).
        var cuts = new double[d][];
        for (int j = 0; j < d; j++)
        {
            var column = new double[n];
            for (int i = 0; i < n; i++) column[i] = values[i, j];
            Array.Sort(column);
            cuts[j] = Enumerable.Range(1, thresholds)
                                .Select(k => column[Math.Min(n - 1, (int)Math.Floor((double)k * n / (thresholds + 1)))])
                                .Distinct().ToArray();
        }
        // bins[i, j] = number of cuts of feature j below x[i, j]: x ≤ cuts[j][t] ⇔ bins[i, j] ≤ t.
        var bins = new int[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                int b = 0;
                while (b < cuts[j].Length && values[i, j] > cuts[j][b]) b++;
                bins[i, j] = b;
            }
        var search = new Search(bins, labels, cuts, classes);
        return search.Best(Enumerable.Range(0, n).ToArray(), depth);
    }

    /// <summary>The predicted class of one input row.</summary>
    public int Predict(ReadOnlySpan<double> x)
    {
        var node = this;
        while (!node.IsLeaf) node = x[node.Feature] <= node.Threshold ? node.Left! : node.Right!;
        return node.Class;
    }

    /// <summary>Classes of every row of x [N, d], as a float64 tensor [N] (the form <c>Chart.DecisionRegions</c> takes).</summary>
    public Tensor Predict(Tensor x)
    {
        var values = x.ToArray2D();
        var classes = new double[values.GetLength(0)];
        var row = new double[values.GetLength(1)];
        for (int i = 0; i < classes.Length; i++)
        {
            for (int j = 0; j < row.Length; j++) row[j] = values[i, j];
            classes[i] = Predict(row);
        }
        return Tensor.From(classes, classes.Length);
    }

    /// <summary>Fraction of rows of x whose predicted class equals the label.</summary>
    public double Accuracy(Tensor x, int[] labels)
    {
        var predicted = Predict(x).ToArray();
        int correct = 0;
        for (int i = 0; i < labels.Length; i++) if ((int)predicted[i] == labels[i]) correct++;
        return (double)correct / labels.Length;
    }

    /// <summary>The tree as indented text: one line per split or leaf.</summary>
    public override string ToString() => Describe("");

    private string Describe(string indent) => IsLeaf
        ? $"{indent}class {Class}\n"
        : $"{indent}if x[{Feature}] ≤ {Threshold:G4}:\n{Left!.Describe(indent + "    ")}{indent}else:\n{Right!.Describe(indent + "    ")}";

    /// <summary>The exhaustive search over binned features.</summary>
    private sealed class Search(int[,] bins, int[] labels, double[][] cuts, int classes)
    {
        private readonly int features = bins.GetLength(1);

        public DecisionTree Best(int[] rows, int depth)
        {
            var leaf = Leaf(rows);
            if (depth == 0 || leaf.Errors == 0) return leaf;
            return depth == 1 ? BestStump(rows, leaf) : BestDeeper(rows, depth, leaf);
        }

        private DecisionTree Leaf(int[] rows)
        {
            var counts = new int[classes];
            foreach (int i in rows) counts[labels[i]]++;
            int majority = 0;
            for (int c = 1; c < classes; c++) if (counts[c] > counts[majority]) majority = c;
            return new DecisionTree { Class = majority, Errors = rows.Length - counts[majority] };
        }

        // Depth 1 in O(N·d + d·q·K): class counts per bin, then a running sum gives the left side of every cut.
        private DecisionTree BestStump(int[] rows, DecisionTree leaf)
        {
            DecisionTree best = leaf;
            var total = new int[classes];
            foreach (int i in rows) total[labels[i]]++;
            for (int j = 0; j < features; j++)
            {
                int cutCount = cuts[j].Length;
                var perBin = new int[cutCount + 1, classes];
                foreach (int i in rows) perBin[bins[i, j], labels[i]]++;
                var left = new int[classes];
                for (int t = 0; t < cutCount; t++)
                {
                    for (int c = 0; c < classes; c++) left[c] += perBin[t, c];
                    int leftClass = ArgMax(left), rightClass = ArgMaxDifference(total, left);
                    int leftCount = left.Sum(), errors = leftCount - left[leftClass] +
                                    (rows.Length - leftCount) - (total[rightClass] - left[rightClass]);
                    if (errors < best.Errors)
                        best = new DecisionTree
                        {
                            Feature = j, Threshold = cuts[j][t], Class = leaf.Class, Errors = errors,
                            Left = new DecisionTree { Class = leftClass, Errors = leftCount - left[leftClass] },
                            Right = new DecisionTree { Class = rightClass, Errors = (rows.Length - leftCount) - (total[rightClass] - left[rightClass]) },
                        };
                }
            }
            return best;
        }

        private DecisionTree BestDeeper(int[] rows, int depth, DecisionTree leaf)
        {
            DecisionTree best = leaf;
            for (int j = 0; j < features; j++)
                for (int t = 0; t < cuts[j].Length; t++)
                {
                    var leftRows = rows.Where(i => bins[i, j] <= t).ToArray();
                    if (leftRows.Length == 0 || leftRows.Length == rows.Length) continue;
                    var rightRows = rows.Where(i => bins[i, j] > t).ToArray();
                    var left = Best(leftRows, depth - 1);
                    var right = Best(rightRows, depth - 1);
                    if (left.Errors + right.Errors < best.Errors)
                        best = new DecisionTree { Feature = j, Threshold = cuts[j][t], Class = leaf.Class, Errors = left.Errors + right.Errors, Left = left, Right = right };
                }
            return best;
        }

        private static int ArgMax(int[] counts)
        {
            int k = 0;
            for (int c = 1; c < counts.Length; c++) if (counts[c] > counts[k]) k = c;
            return k;
        }

        private static int ArgMaxDifference(int[] total, int[] left)
        {
            int k = 0;
            for (int c = 1; c < total.Length; c++) if (total[c] - left[c] > total[k] - left[k]) k = c;
            return k;
        }
    }
}
