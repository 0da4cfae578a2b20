using DeepPrep.Data;

namespace DeepPrep.Tests.Data;

/// <summary>Small statistics helpers for the data tests (all in double).</summary>
internal static class Stats
{
    /// <summary>Column j of a 2-D tensor, optionally only the rows whose label is <paramref name="label"/>.</summary>
    public static double[] Column(Dataset data, int j, int? label = null)
    {
        int d = data.X.Shape[1];
        var values = data.X.ToArray();
        return Enumerable.Range(0, data.Count)
            .Where(i => label == null || data.Labels![i] == label)
            .Select(i => values[i * d + j])
            .ToArray();
    }

    public static double Mean(IReadOnlyCollection<double> values) => values.Average();

    /// <summary>Population standard deviation, √((1/n)·Σ(x − mean)²).</summary>
    public static double Sd(IReadOnlyCollection<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    /// <summary>Population covariance of two equally long columns.</summary>
    public static double Covariance(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        return a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum() / a.Length;
    }
}
