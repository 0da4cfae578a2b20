namespace DeepPrep;

// Max and average pooling over k×k windows of [N, C, H, W]. Pooling has no parameters:
// max pooling passes the gradient to the one input that was the maximum in each window,
// average pooling spreads it equally over the window.
public sealed partial class Tensor
{
    /// <summary>Max pooling with a k×k window (stride defaults to k). Output [N, C, ⌊(H−k)/s⌋+1, ⌊(W−k)/s⌋+1].</summary>
    public static Tensor MaxPool2d(Tensor x, int kernel, int? stride = null) => Pool2d(x, kernel, stride ?? kernel, max: true);

    /// <summary>Average pooling with a k×k window (stride defaults to k).</summary>
    public static Tensor AvgPool2d(Tensor x, int kernel, int? stride = null) => Pool2d(x, kernel, stride ?? kernel, max: false);

    private static Tensor Pool2d(Tensor x, int k, int s, bool max)
    {
        string name = max ? "max_pool2d" : "avg_pool2d";
        if (x.Rank != 4) throw new ArgumentException($"{name}: input must be [N, C, H, W], got {Shapes.Format(x.shape)}.");
        if (k <= 0 || s <= 0) throw new ArgumentException($"{name}: kernel and stride must be ≥ 1, got {k} and {s}.");
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        if (k > h || k > w) throw new ArgumentException($"{name}: a {k}×{k} window does not fit a {h}×{w} input.");
        int oh = (h - k) / s + 1, ow = (w - k) / s + 1;
        var y = Empty([n, c, oh, ow], x.DType);
        // For max pooling, remember which input each output came from (the "switch"), for the backward pass.
        var source = new int[y.Size];
        double scale = 1.0 / (k * k);
        for (int plane = 0; plane < n * c; plane++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                {
                    int outIndex = (plane * oh + oy) * ow + ox;
                    double acc = max ? double.NegativeInfinity : 0;
                    int best = -1;
                    for (int i = 0; i < k; i++)
                        for (int j = 0; j < k; j++)
                        {
                            int inIndex = (plane * h + oy * s + i) * w + ox * s + j;
                            double v = x.GetFlat(inIndex);
                            if (!max) acc += v;
                            else if (best < 0 || v > acc || double.IsNaN(v)) { acc = v; best = inIndex; }
                        }
                    y.SetFlat(outIndex, max ? acc : acc * scale);
                    source[outIndex] = best;
                }
        return Autodiff.Record(y, name, [x], g =>
        {
            var dx = ZerosLike(x);
            for (int plane = 0; plane < n * c; plane++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        int outIndex = (plane * oh + oy) * ow + ox;
                        double go = g.GetFlat(outIndex);
                        if (max) { int src = source[outIndex]; dx.SetFlat(src, dx.GetFlat(src) + go); continue; }
                        for (int i = 0; i < k; i++)
                            for (int j = 0; j < k; j++)
                            {
                                int inIndex = (plane * h + oy * s + i) * w + ox * s + j;
                                dx.SetFlat(inIndex, dx.GetFlat(inIndex) + go * scale);
                            }
                    }
            return [dx];
        });
    }
}
