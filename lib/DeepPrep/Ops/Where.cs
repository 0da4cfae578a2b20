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
            for (int i = 0; i < mask.Size; i++) mask.SetFlat(i, c.GetFlat(i) != 0 ? 1 : 0);
        }
        var ab = a.BroadcastTo(shape).Detach();
        var bb = b.BroadcastTo(shape).Detach();
        var y = Empty(shape, a.DType);
        for (int i = 0; i < y.Size; i++) y.SetFlat(i, mask.GetFlat(i) != 0 ? ab.GetFlat(i) : bb.GetFlat(i));
        return Autodiff.Record(y, "where", [a, b], g => [g * mask, g * (1.0 - mask)]);
    }

    /// <summary>1 where this &gt; threshold, else 0 (same shape, not differentiable).</summary>
    public Tensor GreaterThan(double threshold)
    {
        var y = Empty((int[])shape.Clone(), DType);
        for (int i = 0; i < Size; i++) y.SetFlat(i, GetFlat(i) > threshold ? 1 : 0);
        return y;
    }
}
