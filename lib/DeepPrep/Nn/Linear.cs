namespace DeepPrep.Nn;

/// <summary>
/// A fully connected (dense) layer: y = x·W + b.
/// x: [N, in], W: [in, out], b: [out], y: [N, out]. Each of the out units is a weighted sum of all inputs.
/// </summary>
/// <remarks>W is stored [in, out] so the forward pass reads exactly like the maths, x·W, with no transpose.</remarks>
public sealed class Linear : Module
{
    public Tensor Weight { get; }
    public Tensor? Bias { get; }
    public int InFeatures { get; }
    public int OutFeatures { get; }
    public Initializer WeightInit { get; }

    /// <param name="inFeatures">Inputs per example.</param>
    /// <param name="outFeatures">Units in this layer.</param>
    /// <param name="bias">Add a learnable bias (default true).</param>
    /// <param name="init">Weight initialiser (default U(±1/√in)); </param>
    /// <param name="biasInit">Bias initialiser (default zeros).</param>
    /// <param name="dtype">Element type of the parameters (default <see cref="Tensor.DefaultDType"/>).</param>
    /// <param name="rng">Where the initial weights come from (default: the global seed's init stream).</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Initializer? init = null, Initializer? biasInit = null,
                  DType? dtype = null, Rng? rng = null)
    {
        if (inFeatures <= 0 || outFeatures <= 0) throw new ArgumentException($"Linear: sizes must be positive, got {inFeatures} → {outFeatures}.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        WeightInit = init ?? Init.Default;
        rng ??= Seed.Global.Init;
        var type = dtype ?? Tensor.DefaultDType;
        var w = Tensor.Zeros([inFeatures, outFeatures], type);
        WeightInit.Fill(w, inFeatures, outFeatures, rng);
        Weight = AddParameter("weight", w);
        if (bias)
        {
            var b = Tensor.Zeros([outFeatures], type);
            (biasInit ?? Init.Zeros).Fill(b, inFeatures, outFeatures, rng);
            Bias = AddParameter("bias", b);
        }
    }

    public override Tensor Forward(Tensor input)
    {
        CheckInput(input);
        return Tensor.Linear(input, Weight, Bias); // x·W + b, the bias added to each of the N rows, as one fused op
    }

    /// <summary>activation(x·W + b) as one fused op: what <see cref="Sequential"/> runs for this layer and the activation after it.</summary>
    internal Tensor Forward(Tensor input, Activation activation)
    {
        CheckInput(input);
        return Tensor.Linear(input, Weight, Bias, activation.Op, activation.Alpha);
    }

    private void CheckInput(Tensor input)
    {
        if (input.Rank != 2 || input.Dim(1) != InFeatures)
            throw new ArgumentException($"Linear({InFeatures} → {OutFeatures}): expected input [N, {InFeatures}], got {Shapes.Format(input.Shape)}.");
    }

    public override string Describe() => $"Linear({InFeatures} → {OutFeatures}{(Bias is null ? ", no bias" : "")}, init {WeightInit})";
}
