namespace DeepPrep.Charts.Rendering;

/// <summary>
/// Contour lines of a function sampled on a grid (the "marching squares" algorithm), for the static SVG.
/// plotly.js draws its own contours from the same grid and the same levels.
/// </summary>
/// <remarks>
/// For each grid cell, the four corners are above or below the level: 16 cases. In each case the line
/// crosses the cell's edges at known places, found by linear interpolation along the edge. The two
/// ambiguous "saddle" cases (opposite corners above) are settled by the value at the cell centre.
/// Segments are then joined into polylines through the edges they share, so a contour is one path.
/// </remarks>
internal static class MarchingSquares
{
    // Edges of a cell: 0 bottom (row i), 1 right (col j+1), 2 top (row i+1), 3 left (col j).
    private static readonly int[][] Segments =
    [
        [], [3, 0], [0, 1], [3, 1], [1, 2], [], [0, 2], [3, 2],
        [2, 3], [0, 2], [], [1, 2], [3, 1], [0, 1], [3, 0], [],
    ];

    /// <summary>Polylines (in data units) where z = level. z[i, j] is the value at (x[j], y[i]).</summary>
    public static List<List<(double X, double Y)>> Trace(double[] x, double[] y, double[,] z, double level)
    {
        int ny = y.Length, nx = x.Length;
        var points = new Dictionary<long, (double X, double Y)>();
        var links = new Dictionary<long, List<long>>();

        for (int i = 0; i + 1 < ny; i++)
            for (int j = 0; j + 1 < nx; j++)
            {
                double a = z[i, j], b = z[i, j + 1], c = z[i + 1, j + 1], d = z[i + 1, j];
                if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(d)) continue;
                int index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
                int[] pairs = index switch
                {
                    5 => (a + b + c + d) / 4 >= level ? [0, 1, 2, 3] : [3, 0, 1, 2],
                    10 => (a + b + c + d) / 4 >= level ? [3, 0, 1, 2] : [0, 1, 2, 3],
                    _ => Segments[index],
                };
                for (int s = 0; s < pairs.Length; s += 2)
                {
                    long p = EdgePoint(pairs[s]), q = EdgePoint(pairs[s + 1]);
                    Link(p, q);
                    Link(q, p);
                }

                // The point where the level crosses one edge of this cell, keyed by the edge so the neighbouring cell finds it too.
                long EdgePoint(int edge)
                {
                    long key;
                    (double X, double Y) point;
                    switch (edge)
                    {
                        case 0: key = Key(0, i, j); point = (Lerp(x[j], x[j + 1], a, b), y[i]); break;
                        case 2: key = Key(0, i + 1, j); point = (Lerp(x[j], x[j + 1], d, c), y[i + 1]); break;
                        case 3: key = Key(1, i, j); point = (x[j], Lerp(y[i], y[i + 1], a, d)); break;
                        default: key = Key(1, i, j + 1); point = (x[j + 1], Lerp(y[i], y[i + 1], b, c)); break;
                    }
                    points[key] = point;
                    return key;
                }
                double Lerp(double p0, double p1, double v0, double v1) => p0 + (p1 - p0) * ((level - v0) / (v1 - v0));
            }

        long Key(int vertical, int row, int col) => ((long)vertical * ny + row) * (nx + 1) + col;
        void Link(long from, long to)
        {
            if (!links.TryGetValue(from, out var list)) links[from] = list = new List<long>(2);
            list.Add(to);
        }

        // Walk the graph: start at loose ends first (open lines), then whatever is left (closed loops).
        var lines = new List<List<(double X, double Y)>>();
        var visited = new HashSet<(long, long)>();
        foreach (var start in links.Keys.OrderBy(k => links[k].Count == 1 ? 0 : 1).ToList())
            foreach (var next in links[start])
            {
                if (visited.Contains((start, next))) continue;
                var line = new List<(double X, double Y)> { points[start] };
                long current = next;
                visited.Add((start, next)); visited.Add((next, start));
                while (true)
                {
                    line.Add(points[current]);
                    long following = -1;
                    foreach (var candidate in links[current])
                        if (!visited.Contains((current, candidate))) { following = candidate; break; }
                    if (following < 0) break;
                    visited.Add((current, following)); visited.Add((following, current));
                    current = following;
                }
                lines.Add(line);
            }
        return lines;
    }
}
