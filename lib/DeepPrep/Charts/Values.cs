using System.Collections;
using System.Runtime.CompilerServices;

namespace DeepPrep.Charts;

/// <summary>
/// A read-only list of numbers to plot. Every chart method takes <see cref="Values"/>, so you can pass
/// whatever you have: <c>double[]</c>, <c>float[]</c>, <c>int[]</c>, <c>List&lt;double&gt;</c>, or a
/// <see cref="Tensor"/> (all its elements, row-major), or a collection expression <c>[1, 2, 3]</c>.
/// The common chart methods also take an <c>IEnumerable&lt;double&gt;</c> (a LINQ query); for other sequences,
/// <c>.ToArray()</c> or <c>Values.From(Enumerable.Range(1, 20))</c>.
/// </summary>
/// <remarks>
/// Why a struct with implicit conversions instead of overloads: one chart method then accepts every
/// numeric container, and a learner sees a single, readable signature in the IDE. C# does not allow an
/// implicit conversion from an interface, so the common chart methods add IEnumerable&lt;double&gt; overloads;
/// C# prefers the Values overload whenever both fit (Values is itself an IEnumerable&lt;double&gt;).
/// The numbers are copied once, so changing the source array later does not change the chart.
/// </remarks>
[CollectionBuilder(typeof(Values), nameof(Create))]
public readonly struct Values : IReadOnlyList<double>
{
    private readonly double[]? items;

    /// <summary>Copies the given numbers.</summary>
    public Values(IEnumerable<double> source) => items = source.ToArray();

    private Values(double[] owned, bool _) => items = owned;

    /// <summary>Builds Values from a collection expression: <c>Chart.Line([0.9, 0.5, 0.3])</c>.</summary>
    public static Values Create(ReadOnlySpan<double> values) => new(values.ToArray(), true);

    /// <summary>Any sequence of numbers (int, float, double, decimal, …) as Values.</summary>
    public static Values From<T>(IEnumerable<T> source) where T : System.Numerics.INumberBase<T> =>
        new(source.Select(double.CreateChecked).ToArray(), true);

    /// <summary>The numbers as a new array.</summary>
    public double[] ToArray() => Items.ToArray();

    internal double[] Items => items ?? [];

    public int Count => Items.Length;

    public double this[int index] => Items[index];

    public IEnumerator<double> GetEnumerator() => ((IEnumerable<double>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static implicit operator Values(double[] values) => new((double[])values.Clone(), true);
    public static implicit operator Values(float[] values) => new(Array.ConvertAll(values, v => (double)v), true);
    public static implicit operator Values(int[] values) => new(Array.ConvertAll(values, v => (double)v), true);
    public static implicit operator Values(long[] values) => new(Array.ConvertAll(values, v => (double)v), true);
    public static implicit operator Values(List<double> values) => new(values.ToArray(), true);
    public static implicit operator Values(List<float> values) => new(values.Select(v => (double)v).ToArray(), true);
    public static implicit operator Values(List<int> values) => new(values.Select(v => (double)v).ToArray(), true);
    public static implicit operator Values(Tensor values) => new(values.ToArray(), true);

    /// <summary>0, 1, …, count−1: the default x for a series given only its y values.</summary>
    internal static Values Indices(int count)
    {
        var result = new double[count];
        for (int i = 0; i < count; i++) result[i] = i;
        return new Values(result, true);
    }
}
