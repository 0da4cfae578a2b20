namespace DeepPrep.Tests.Losses;

public class AccuracyTests
{
    [Fact]
    public void Accuracy_is_the_fraction_of_rows_whose_largest_score_is_the_label()
    {
        var scores = Tensor.From(new double[,] { { 0.1, 2.0, -1 }, { 3, 0, 0 }, { 0, 0, 5 }, { 1, 0.5, 0.9 } });
        Assert.Equal(0.75, Metrics.Accuracy(scores, [1, 0, 2, 2]), 12);
    }

    [Fact]
    public void Scores_with_NaN_have_no_accuracy_in_either_dtype()
    {
        // A diverged model's scores: argmax would still pick a class and report ~chance, hiding the blow-up.
        var scores = Tensor.From(new double[,] { { 0.1, 2.0 }, { double.NaN, 0 } });
        Assert.True(double.IsNaN(Metrics.Accuracy(scores, [1, 0])));
        var floats = Tensor.From(new float[,] { { 0.1f, 2.0f }, { 1f, float.NaN } });
        Assert.True(double.IsNaN(Metrics.Accuracy(floats, [1, 0])));
        // Infinite scores are still ordered: they are not NaN.
        var infinite = Tensor.From(new float[,] { { float.PositiveInfinity, 0f }, { 0f, 1f } });
        Assert.Equal(1.0, Metrics.Accuracy(infinite, [0, 1]), 12);
    }
}
