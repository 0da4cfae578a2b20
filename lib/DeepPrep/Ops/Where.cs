namespace DeepPrep;

// where(cond, a, b): a where cond is non-zero, b elsewhere (all three broadcast together).
public sealed partial class Tensor
{
    /// <summary>Elementwise choice: a where <paramref name="condition"/> ≠ 0, else b. The gradient goes to whichever was chosen.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        var shape = Shapes.Broadcast(Shapes.Broadcast(condition.shape, a.shape, "where"), b.shape, "where");
        Tensor mask;
        using (Autodiff.NoGrad())
        {
            // A 0/1 mask in a's dtype, broadcast to the output shape.
            var c = condition.Detach().BroadcastTo(shape);
            mask = Empty(shape, a.DType);
            // (the condition's dtype may differ from the mask's: four combinations)
            if (c.DType == DType.Float32)
            {
                if (mask.DType == DType.Float32) NonZeroMask<float, float>(c, mask); else NonZeroMask<float, double>(c, mask);
            }
            else if (mask.DType == DType.Float32) NonZeroMask<double, float>(c, mask);
            else NonZeroMask<double, double>(c, mask);
        }
        var ab = a.BroadcastTo(shape).Detach();
        var bb = b.BroadcastTo(shape).Detach();
        var y = Empty(shape, a.DType);
        if (b.DType != a.DType) // mixed dtypes: b's values are converted one by one into a's dtype
            for (int i = 0; i < y.Size; i++) y.SetFlat(i, mask.GetFlat(i) != 0 ? ab.GetFlat(i) : bb.GetFlat(i));
        else if (a.DType == DType.Float32) Choose<float>(mask, ab, bb, y);
        else Choose<double>(mask, ab, bb, y);
        return Autodiff.Record(y, "where", [a, b], g => [g * mask, g * (1.0 - mask)]);
    }

    /// <summary>1 where this &gt; threshold, else 0 (same shape, not differentiable).</summary>
    public Tensor GreaterThan(double threshold)
    {
        var y = Empty((int[])shape.Clone(), DType);
        if (DType == DType.Float32) Above<float>(this, threshold, y); else Above<double>(this, threshold, y);
        return y;
    }

    // The loops, over spans of the element type (T is float or double) rather than GetFlat/SetFlat per element,
    // which type-tests the storage on every access. Widening float to double is exact, so comparing in T or in
    // double gives the same answers.
    private static void NonZeroMask<TC, TM>(Tensor condition, Tensor mask)
        where TC : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<TC>
        where TM : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<TM>
    {
        ReadOnlySpan<TC> c = condition.Span<TC>();
        var m = mask.Span<TM>();
        for (int i = 0; i < m.Length; i++) m[i] = c[i] != TC.Zero ? TM.One : TM.Zero;
    }

    private static void Choose<T>(Tensor mask, Tensor a, Tensor b, Tensor y) where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> m = mask.Span<T>(), av = a.Span<T>(), bv = b.Span<T>();
        var yv = y.Span<T>();
        for (int i = 0; i < yv.Length; i++) yv[i] = m[i] != T.Zero ? av[i] : bv[i];
    }

    private static void Above<T>(Tensor x, double threshold, Tensor y) where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> xv = x.Span<T>();
        var yv = y.Span<T>();
        for (int i = 0; i < xv.Length; i++) yv[i] = double.CreateTruncating(xv[i]) > threshold ? T.One : T.Zero;
    }
}
