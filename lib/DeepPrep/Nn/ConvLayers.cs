namespace DeepPrep.Nn;

/// <summary>
/// A 2-D convolution layer: F filters of size C×k×k slide over the input [N, C, H, W] with the given
/// stride and zero padding, giving [N, F, outH, outW]. The same small filter is used at every position
/// (weight sharing), which is why a conv layer has so few parameters: F·C·k·k + F.
/// </summary>
public sealed class Conv2d : Module
{
    public Tensor Weight { get; }
    public Tensor? Bias { get; }
    public int InChannels { get; }
    public int OutChannels { get; }
    public int KernelSize { get; }
    public int Stride { get; }
    public int Padding { get; }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, bool bias = true,
                  Initializer? init = null, DType? dtype = null, Rng? rng = null)
    {
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0)
            throw new ArgumentException($"Conv2d: bad configuration in={inChannels} out={outChannels} kernel={kernelSize} stride={stride} padding={padding}.");
        (InChannels, OutChannels, KernelSize, Stride, Padding) = (inChannels, outChannels, kernelSize, stride, padding);
        rng ??= Seed.Global.Init;
        var type = dtype ?? Tensor.DefaultDType;
        int fanIn = inChannels * kernelSize * kernelSize, fanOut = outChannels * kernelSize * kernelSize;
        var w = Tensor.Zeros([outChannels, inChannels, kernelSize, kernelSize], type);
        (init ?? Init.Default).Fill(w, fanIn, fanOut, rng);
        Weight = AddParameter("weight", w);
        if (bias) Bias = AddParameter("bias", Tensor.Zeros([outChannels], type));
    }

    /// <summary>The spatial output size for an input of size n: ⌊(n + 2p − k)/s⌋ + 1.</summary>
    public int OutputSize(int n) => (n + 2 * Padding - KernelSize) / Stride + 1;

    public override Tensor Forward(Tensor input) => Tensor.Conv2d(input, Weight, Bias, Stride, Padding);
    public override string Describe() => $"Conv2d({InChannels} → {OutChannels}, {KernelSize}×{KernelSize}, stride {Stride}, padding {Padding})";
}

/// <summary>Max pooling over k×k windows: keeps the strongest response in each window. No parameters.</summary>
public sealed class MaxPool2d(int kernelSize, int? stride = null) : Module
{
    public int KernelSize { get; } = kernelSize;
    public int Stride { get; } = stride ?? kernelSize;
    public override Tensor Forward(Tensor input) => Tensor.MaxPool2d(input, KernelSize, Stride);
    public override string Describe() => $"MaxPool2d({KernelSize}×{KernelSize}, stride {Stride})";
}

/// <summary>Average pooling over k×k windows. No parameters.</summary>
public sealed class AvgPool2d(int kernelSize, int? stride = null) : Module
{
    public int KernelSize { get; } = kernelSize;
    public int Stride { get; } = stride ?? kernelSize;
    public override Tensor Forward(Tensor input) => Tensor.AvgPool2d(input, KernelSize, Stride);
    public override string Describe() => $"AvgPool2d({KernelSize}×{KernelSize}, stride {Stride})";
}

/// <summary>Flattens [N, C, H, W] (or any [N, …]) into [N, C·H·W], between conv layers and dense layers.</summary>
public sealed class Flatten : Module
{
    public override Tensor Forward(Tensor input) => input.Flatten(1);
}

/// <summary>Reshapes each example to a fixed shape: [N, 64] → [N, 1, 8, 8] with new Reshape(1, 8, 8).</summary>
public sealed class Reshape(params int[] exampleShape) : Module
{
    public override Tensor Forward(Tensor input) => input.Reshape([input.Dim(0), .. exampleShape]);
    public override string Describe() => $"Reshape({string.Join("×", exampleShape)})";
}
