namespace DeepPrep.Nn;

/// <summary>
/// A vanilla (Elman) recurrent cell: h_t = tanh(x_t·Wx + h_{t−1}·Wh + b).
/// x_t: [N, input], h: [N, hidden], Wx: [input, hidden], Wh: [hidden, hidden].
/// </summary>
/// <remarks>
/// The same weights are used at every time step, so the gradient reaching x₁ from h_T is a product of
/// T Jacobians diag(1 − h_t²)·Whᵀ: it shrinks or grows geometrically with T (notebook 12). Training it
/// is backpropagation through time: <see cref="Unroll"/> builds the whole graph and Backward walks it.
/// </remarks>
public sealed class RnnCell : Module
{
    public int InputSize { get; }
    public int HiddenSize { get; }
    public Tensor InputWeight { get; }
    public Tensor HiddenWeight { get; }
    public Tensor Bias { get; }

    public RnnCell(int inputSize, int hiddenSize, Initializer? init = null, DType? dtype = null, Rng? rng = null)
    {
        if (inputSize <= 0 || hiddenSize <= 0) throw new ArgumentException($"RnnCell: sizes must be positive, got {inputSize} → {hiddenSize}.");
        (InputSize, HiddenSize) = (inputSize, hiddenSize);
        rng ??= Seed.Global.Init;
        var type = dtype ?? Tensor.DefaultDType;
        var initializer = init ?? Init.Default;
        var wx = Tensor.Zeros([inputSize, hiddenSize], type);
        var wh = Tensor.Zeros([hiddenSize, hiddenSize], type);
        initializer.Fill(wx, hiddenSize, hiddenSize, rng); // fan-in of a hidden unit is the hidden size, as in PyTorch
        initializer.Fill(wh, hiddenSize, hiddenSize, rng);
        InputWeight = AddParameter("input_weight", wx);
        HiddenWeight = AddParameter("hidden_weight", wh);
        Bias = AddParameter("bias", Tensor.Zeros([hiddenSize], type));
    }

    /// <summary>One time step: the new hidden state [N, hidden] from x_t [N, input] and h_{t−1} [N, hidden].</summary>
    public Tensor Step(Tensor x, Tensor h) => (x.MatMul(InputWeight) + h.MatMul(HiddenWeight) + Bias).Tanh();

    /// <summary>Runs the cell over a sequence of inputs (one [N, input] tensor per step); returns every hidden state h₁…h_T.</summary>
    public List<Tensor> Unroll(IReadOnlyList<Tensor> inputs, Tensor? h0 = null)
    {
        if (inputs.Count == 0) throw new ArgumentException("RnnCell.Unroll: the sequence is empty.");
        var h = h0 ?? Tensor.Zeros([inputs[0].Dim(0), HiddenSize], InputWeight.DType);
        var states = new List<Tensor>(inputs.Count);
        foreach (var x in inputs) states.Add(h = Step(x, h));
        return states;
    }

    /// <summary>Input [N, T, input] → all hidden states [N, T, hidden], starting from h₀ = 0.</summary>
    public override Tensor Forward(Tensor input) => Tensor.Stack(Unroll(Sequence.Steps(input, InputSize, "RnnCell")), axis: 1);

    public override string Describe() => $"RnnCell({InputSize} → {HiddenSize}, tanh)";
}

/// <summary>
/// A long short-term memory cell (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al. 2000).
/// Gates from z = x·W + h·U + b, split in four [N, hidden] blocks (input, forget, candidate, output):
///   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o);  c_t = f ⊙ c_{t−1} + i ⊙ g;  h_t = o ⊙ tanh(c_t).
/// </summary>
/// <remarks>
/// The cell state c is carried forward by multiplication with f only, so with the forget gate open
/// (f ≈ 1, a forget bias of 1 or more) the gradient along c barely decays over time. With a forget
/// bias of 0, f ≈ ½ at the start and memory fades almost as fast as in a plain RNN (notebook 12).
/// </remarks>
public sealed class LstmCell : Module
{
    public int InputSize { get; }
    public int HiddenSize { get; }
    public double ForgetBias { get; }
    /// <summary>W: [input, 4·hidden], gates in the order input, forget, candidate, output.</summary>
    public Tensor InputWeight { get; }
    /// <summary>U: [hidden, 4·hidden].</summary>
    public Tensor HiddenWeight { get; }
    /// <summary>b: [4·hidden]; the forget block starts at <see cref="ForgetBias"/>, the rest at 0.</summary>
    public Tensor Bias { get; }

    public LstmCell(int inputSize, int hiddenSize, double forgetBias = 1.0, Initializer? init = null, DType? dtype = null, Rng? rng = null)
    {
        if (inputSize <= 0 || hiddenSize <= 0) throw new ArgumentException($"LstmCell: sizes must be positive, got {inputSize} → {hiddenSize}.");
        (InputSize, HiddenSize, ForgetBias) = (inputSize, hiddenSize, forgetBias);
        rng ??= Seed.Global.Init;
        var type = dtype ?? Tensor.DefaultDType;
        var initializer = init ?? Init.Default;
        var w = Tensor.Zeros([inputSize, 4 * hiddenSize], type);
        var u = Tensor.Zeros([hiddenSize, 4 * hiddenSize], type);
        initializer.Fill(w, hiddenSize, hiddenSize, rng);
        initializer.Fill(u, hiddenSize, hiddenSize, rng);
        var b = Tensor.Zeros([4 * hiddenSize], type);
        for (int j = hiddenSize; j < 2 * hiddenSize; j++) b[j] = forgetBias;
        InputWeight = AddParameter("input_weight", w);
        HiddenWeight = AddParameter("hidden_weight", u);
        Bias = AddParameter("bias", b);
    }

    /// <summary>One time step: (h_t, c_t) from x_t [N, input] and (h_{t−1}, c_{t−1}) [N, hidden] each.</summary>
    public (Tensor H, Tensor C) Step(Tensor x, Tensor h, Tensor c)
    {
        int n = HiddenSize;
        var z = x.MatMul(InputWeight) + h.MatMul(HiddenWeight) + Bias; // [N, 4·hidden]
        var inputGate = z.Slice(1, 0, n).Sigmoid();
        var forgetGate = z.Slice(1, n, n).Sigmoid();
        var candidate = z.Slice(1, 2 * n, n).Tanh();
        var outputGate = z.Slice(1, 3 * n, n).Sigmoid();
        var cNext = forgetGate * c + inputGate * candidate;
        var hNext = outputGate * cNext.Tanh();
        return (hNext, cNext);
    }

    /// <summary>Runs the cell over a sequence; returns every hidden state h₁…h_T and the final cell state.</summary>
    public (List<Tensor> Hidden, Tensor FinalCell) Unroll(IReadOnlyList<Tensor> inputs, Tensor? h0 = null, Tensor? c0 = null)
    {
        if (inputs.Count == 0) throw new ArgumentException("LstmCell.Unroll: the sequence is empty.");
        int batch = inputs[0].Dim(0);
        var h = h0 ?? Tensor.Zeros([batch, HiddenSize], InputWeight.DType);
        var c = c0 ?? Tensor.Zeros([batch, HiddenSize], InputWeight.DType);
        var states = new List<Tensor>(inputs.Count);
        foreach (var x in inputs)
        {
            (h, c) = Step(x, h, c);
            states.Add(h);
        }
        return (states, c);
    }

    /// <summary>Input [N, T, input] → all hidden states [N, T, hidden], from zero states.</summary>
    public override Tensor Forward(Tensor input) => Tensor.Stack(Unroll(Sequence.Steps(input, InputSize, "LstmCell")).Hidden, axis: 1);

    public override string Describe() => $"LstmCell({InputSize} → {HiddenSize}, forget bias {ForgetBias})";
}

/// <summary>Helpers for sequences stored as [N, T, features].</summary>
public static class Sequence
{
    /// <summary>Splits [N, T, features] into T tensors of [N, features] (differentiable).</summary>
    public static List<Tensor> Steps(Tensor sequence, int features, string who)
    {
        if (sequence.Rank != 3 || sequence.Dim(2) != features)
            throw new ArgumentException($"{who}: expected a sequence [N, T, {features}], got {Shapes.Format(sequence.Shape)}.");
        int n = sequence.Dim(0), t = sequence.Dim(1);
        var steps = new List<Tensor>(t);
        for (int i = 0; i < t; i++) steps.Add(sequence.Slice(1, i, 1).Reshape(n, features));
        return steps;
    }
}
