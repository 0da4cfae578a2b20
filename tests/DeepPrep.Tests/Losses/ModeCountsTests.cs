namespace DeepPrep.Tests.Losses;

public class ModeCountsTests
{
    private static readonly double[][] Square = [[1, 1], [-1, 1], [-1, -1], [1, -1]];

    [Fact]
    public void CountsSamplesWithinTheRadiusOfEachCentre()
    {
        var samples = Tensor.From(new double[,]
        {
            { 1.0, 1.0 }, { 1.1, 0.9 }, { 0.75, 1.0 },  // near (1, 1); the last is 0.25 away
            { -1.0, -1.05 },                            // near (−1, −1)
            { 0.0, 0.0 }, { 5.0, 5.0 },                 // near nothing
        });
        Assert.Equal([3, 0, 1, 0], Metrics.ModeCounts(samples, Square, radius: 0.3));
        Assert.Equal([2, 0, 1, 0], Metrics.ModeCounts(samples, Square, radius: 0.2));   // (0.75, 1) is now too far
    }

    [Fact]
    public void OverlappingDiscsCountASampleOnceAtTheNearestCentre()
    {
        // Centres 1 apart with radius 2: (0.4, 0) is within both, nearest to (0, 0).
        var samples = Tensor.From(new double[,] { { 0.4, 0.0 }, { 0.6, 0.0 } });
        Assert.Equal([1, 1], Metrics.ModeCounts(samples, [[0, 0], [1, 0]], radius: 2));
    }

    [Fact]
    public void WorksInFloat32AndChecksShapes()
    {
        var samples = Tensor.From(new float[,] { { 1f, 1f }, { -1f, 1f } });
        Assert.Equal([1, 1, 0, 0], Metrics.ModeCounts(samples, Square, 0.1));
        Assert.Throws<ArgumentException>(() => Metrics.ModeCounts(Tensor.Zeros(4), Square, 0.1));
        Assert.Throws<ArgumentException>(() => Metrics.ModeCounts(samples, [[1.0, 2.0, 3.0]], 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.ModeCounts(samples, Square, 0));
    }
}
