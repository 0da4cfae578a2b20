namespace DeepPrep;

/// <summary>
/// Checks backpropagation against the definition of a derivative: nudge one input by ±ε, see how the
/// loss moves, (f(x+ε) − f(x−ε)) / 2ε. Central differences are accurate to O(ε²), so in float64 with
/// ε = 1e-6 a correct backward agrees to about 1e-9 relative; a wrong one is off by order 1.
/// </summary>
public static class GradCheck
{
    /// <summary>Result for one input tensor.</summary>
    /// <param name="Name">The tensor's name, or its position.</param>
    /// <param name="RelativeError">‖analytic − numeric‖₂ / max(‖analytic‖₂, ‖numeric‖₂); 0 if both are below 1e-12.</param>
    /// <param name="Analytic">∂f/∂input from Backward().</param>
    /// <param name="Numeric">∂f/∂input from central differences.</param>
    public sealed record Result(string Name, double RelativeError, double[] Analytic, double[] Numeric);

    /// <summary>
    /// Compares Backward() with central differences for every element of every input.
    /// <paramref name="f"/> must return a scalar and be deterministic (re-seed any randomness inside it).
    /// Inputs should be float64 leaves with RequiresGrad.
    /// </summary>
    public static List<Result> Compare(Func<Tensor> f, IReadOnlyList<Tensor> inputs, double epsilon = 1e-6)
    {
        foreach (var x in inputs)
        {
            if (x.DType != DType.Float64) throw new ArgumentException($"GradCheck: input {x.Name ?? Shapes.Format(x.Shape)} is {x.DType.Name()}; finite differences need float64.");
            if (!x.IsLeaf || !x.RequiresGrad) throw new ArgumentException($"GradCheck: input {x.Name ?? Shapes.Format(x.Shape)} must be a leaf with RequiresGrad.");
            x.ZeroGrad();
        }
        var output = f();
        if (output.Size != 1) throw new ArgumentException($"GradCheck: f must return a scalar, got shape {Shapes.Format(output.Shape)}.");
        output.Backward();

        var results = new List<Result>();
        for (int k = 0; k < inputs.Count; k++)
        {
            var x = inputs[k];
            var analytic = x.Grad?.ToArray() ?? new double[x.Size];
            var numeric = new double[x.Size];
            var values = x.F64;
            using (Autodiff.NoGrad())
            {
                for (int i = 0; i < x.Size; i++)
                {
                    double original = values[i];
                    values[i] = original + epsilon;
                    double plus = f().Item();
                    values[i] = original - epsilon;
                    double minus = f().Item();
                    values[i] = original;
                    numeric[i] = (plus - minus) / (2 * epsilon);
                }
            }
            results.Add(new Result(x.Name ?? $"input {k}", RelativeError(analytic, numeric), analytic, numeric));
        }
        return results;
    }

    /// <summary>The largest relative error over all inputs.</summary>
    public static double MaxRelativeError(Func<Tensor> f, params Tensor[] inputs) => Compare(f, inputs).Max(r => r.RelativeError);

    /// <summary>‖a − b‖₂ / max(‖a‖₂, ‖b‖₂), or 0 when both vectors are (numerically) zero.</summary>
    public static double RelativeError(double[] a, double[] b)
    {
        double diff = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        double scale = Math.Sqrt(Math.Max(na, nb));
        return scale < 1e-12 ? Math.Sqrt(diff) : Math.Sqrt(diff) / scale;
    }
}
