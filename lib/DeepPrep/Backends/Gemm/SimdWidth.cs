using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace DeepPrep.Backends.Gemm;

// The GEMM micro-kernel is written once, generically, against this tiny interface, and instantiated
// for the vector width the CPU has: 512-bit (AVX-512), 256-bit (AVX2 + FMA, the common x64 case) or
// 128-bit (SSE / ARM NEON). Each struct below is a "static operator struct": the JIT specialises the
// generic kernel for it and inlines every call, so the generic code compiles to the same machine code
// as a hand-written Vector256 kernel (this is the pattern TensorPrimitives uses for its operators).

/// <summary>The vector operations the GEMM micro-kernel and packing routines need, for one vector type <typeparamref name="TVec"/> of <typeparamref name="T"/>.</summary>
internal unsafe interface ISimd<T, TVec>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TVec : struct
{
    /// <summary>Lanes per vector: 8 floats or 4 doubles for 256-bit vectors.</summary>
    static abstract int Count { get; }
    static abstract TVec Zero { get; }
    static abstract TVec Load(T* p);
    static abstract void Store(TVec v, T* p);
    /// <summary>All lanes set to x (one vbroadcastss/vbroadcastsd, folded into the load from memory).</summary>
    static abstract TVec Broadcast(T x);
    static abstract TVec Multiply(TVec x, TVec y);
    /// <summary>x·y + z, fused (one rounding) where the CPU has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec x, TVec y, TVec z);
    /// <summary>The sum of the lanes (used by dot products).</summary>
    static abstract T Sum(TVec v);
}

internal readonly unsafe struct Simd256<T> : ISimd<T, Vector256<T>>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;
    public static Vector256<T> Zero => Vector256<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Load(T* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<T> v, T* p) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Broadcast(T x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Multiply(Vector256<T> x, Vector256<T> y) => x * y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sum(Vector256<T> v) => Vector256.Sum(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> x, Vector256<T> y, Vector256<T> z)
    {
        // typeof(T) == typeof(float) is a constant for the JIT: only one branch survives per instantiation.
        if (Fma.IsSupported && typeof(T) == typeof(float))
            return Fma.MultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        if (Fma.IsSupported && typeof(T) == typeof(double))
            return Fma.MultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return x * y + z;
    }
}

internal readonly unsafe struct Simd512<T> : ISimd<T, Vector512<T>>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;
    public static Vector512<T> Zero => Vector512<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Load(T* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<T> v, T* p) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Broadcast(T x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Multiply(Vector512<T> x, Vector512<T> y) => x * y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sum(Vector512<T> v) => Vector512.Sum(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> x, Vector512<T> y, Vector512<T> z)
    {
        if (Avx512F.IsSupported && typeof(T) == typeof(float))
            return Avx512F.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        if (Avx512F.IsSupported && typeof(T) == typeof(double))
            return Avx512F.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        // Only reached when tests force this width on a CPU without AVX-512: fuse each 256-bit half, so the
        // results are the same as the native widths give.
        if (Fma.IsSupported && typeof(T) == typeof(float))
            return Vector512.Create(Fma.MultiplyAdd(x.GetLower().AsSingle(), y.GetLower().AsSingle(), z.GetLower().AsSingle()),
                                    Fma.MultiplyAdd(x.GetUpper().AsSingle(), y.GetUpper().AsSingle(), z.GetUpper().AsSingle())).As<float, T>();
        if (Fma.IsSupported && typeof(T) == typeof(double))
            return Vector512.Create(Fma.MultiplyAdd(x.GetLower().AsDouble(), y.GetLower().AsDouble(), z.GetLower().AsDouble()),
                                    Fma.MultiplyAdd(x.GetUpper().AsDouble(), y.GetUpper().AsDouble(), z.GetUpper().AsDouble())).As<double, T>();
        return x * y + z;
    }
}

internal readonly unsafe struct Simd128<T> : ISimd<T, Vector128<T>>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;
    public static Vector128<T> Zero => Vector128<T>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Load(T* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<T> v, T* p) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Broadcast(T x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Multiply(Vector128<T> x, Vector128<T> y) => x * y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Sum(Vector128<T> v) => Vector128.Sum(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> x, Vector128<T> y, Vector128<T> z)
    {
        if (Fma.IsSupported && typeof(T) == typeof(float))
            return Fma.MultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        if (Fma.IsSupported && typeof(T) == typeof(double))
            return Fma.MultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        // ARM NEON: FusedMultiplyAdd(addend, left, right) = addend + left·right.
        if (AdvSimd.IsSupported && typeof(T) == typeof(float))
            return AdvSimd.FusedMultiplyAdd(z.AsSingle(), x.AsSingle(), y.AsSingle()).As<float, T>();
        if (AdvSimd.Arm64.IsSupported && typeof(T) == typeof(double))
            return AdvSimd.Arm64.FusedMultiplyAdd(z.AsDouble(), x.AsDouble(), y.AsDouble()).As<double, T>();
        return x * y + z;
    }
}
