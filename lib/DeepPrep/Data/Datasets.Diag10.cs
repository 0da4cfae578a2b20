namespace DeepPrep.Data;

// "diag10": a boundary that is one oblique hyperplane. Trivial for a linear model, hard for a
// shallow decision tree, whose cuts are parallel to the axes: the mirror image of XOR (curriculum X3).
public static partial class Datasets
{
    /// <summary>
    /// x ~ N(0, I_d) and y = [x₁ + x₂ + … + x_d &gt; 0]. X is [n, d] (d = 10 by default), two classes.
    /// </summary>
    /// <remarks>
    /// The classes are separated exactly by the hyperplane Σx = 0, whose normal (1, …, 1) points along the
    /// diagonal: a linear classifier can reach accuracy 1, while a depth-2 tree (two axis-parallel cuts)
    /// only sees about two of the ten coordinates. Labels are computed, not assigned, so the classes are
    /// balanced only on average (each label has probability ½).
    /// </remarks>
    public static Dataset Diag10(int n, int dims = 10, Rng? rng = null, DType? dtype = null)
    {
        CheckCount(n, "Diag10");
        if (dims < 1) throw new ArgumentOutOfRangeException(nameof(dims), $"Diag10: dims must be at least 1, got {dims}.");
        rng = DataRng(rng);
        var x = new double[n * dims];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < dims; j++)
            {
                double value = rng.Normal();
                x[i * dims + j] = value;
                sum += value;
            }
            labels[i] = sum > 0 ? 1 : 0;
        }
        return new Dataset(Matrix(x, n, dims, dtype), labels, classCount: 2, name: "diag10");
    }
}
