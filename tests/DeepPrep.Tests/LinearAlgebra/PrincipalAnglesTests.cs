using DeepPrep.LinearAlgebra;

namespace DeepPrep.Tests.LinearAlgebra;

// Principal angles against cases with known answers: same subspace in another basis, orthogonal subspaces,
// a plane tilted by a known angle, nested subspaces, and bad input.
public sealed class PrincipalAnglesTests
{
    [Fact]
    public void SameSubspace_InAnotherBasis_HasAllCosinesOne()
    {
        var a = new double[,] { { 1, 0, 0, 2 }, { 0, 1, 1, 0 } };
        var b = new double[,] { { 2, 3, 3, 4 }, { -1, 1, 1, -2 } };   // 2a₀ + 3a₁ and −a₀ + a₁
        var cos = PrincipalAngles.Cosines(a, b);
        Assert.Equal(2, cos.Length);
        Assert.All(cos, c => Assert.Equal(1, c, 1e-12));
    }

    [Fact]
    public void OrthogonalSubspaces_HaveCosineZero()
    {
        var cos = PrincipalAngles.Cosines(new double[,] { { 1, 0, 0 } }, new double[,] { { 0, 1, 0 }, { 0, 0, 1 } });
        Assert.Single(cos);
        Assert.Equal(0, cos[0], 1e-15);
    }

    [Fact]
    public void TiltedPlane_HasOneAngleEqualToTheTilt()
    {
        // The xy-plane against the plane spanned by x and (0, cos φ, sin φ): angles 0 and φ.
        double phi = 0.4;
        var cos = PrincipalAngles.Cosines(new double[,] { { 1, 0, 0 }, { 0, 1, 0 } },
                                          new double[,] { { 0, Math.Cos(phi), Math.Sin(phi) }, { 1, 0, 0 } });
        Assert.Equal(1, cos[0], 1e-14);
        Assert.Equal(Math.Cos(phi), cos[1], 1e-14);
    }

    [Fact]
    public void NestedSubspaces_AndTensorOverload()
    {
        var line = Tensor.From(new double[,] { { 1, 1, 0 } });
        var plane = Tensor.From(new double[,] { { 1, 0, 0 }, { 0, 1, 0 } });
        var cos = PrincipalAngles.Cosines(plane, line);
        Assert.Single(cos);
        Assert.Equal(1, cos[0], 1e-14);
    }

    [Fact]
    public void BadInput_FailsClearly()
    {
        Assert.Throws<ArgumentException>(() => PrincipalAngles.Cosines(new double[1, 3], new double[1, 3]));          // zero row
        Assert.Throws<ArgumentException>(() => PrincipalAngles.Cosines(new double[,] { { 1, 2 }, { 2, 4 } }, new double[,] { { 1, 0 } }));
        Assert.Throws<ArgumentException>(() => PrincipalAngles.Cosines(new double[,] { { 1, 0 } }, new double[,] { { 1, 0, 0 } }));
    }
}
