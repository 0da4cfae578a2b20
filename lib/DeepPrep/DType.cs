namespace DeepPrep;

/// <summary>The element type of a <see cref="Tensor"/>.</summary>
/// <remarks>
/// Float32 is what training uses for speed; Float64 is what gradient checks and notebooks that
/// claim exact numbers use. Every op works on both; mixing them in one op is an error, as in PyTorch.
/// </remarks>
public enum DType
{
    Float32,
    Float64,
}

public static class DTypeExtensions
{
    /// <summary>Bytes per element: 4 or 8.</summary>
    public static int Size(this DType dtype) => dtype == DType.Float32 ? 4 : 8;

    /// <summary>"float32" or "float64", the names NumPy and PyTorch print.</summary>
    public static string Name(this DType dtype) => dtype == DType.Float32 ? "float32" : "float64";
}
