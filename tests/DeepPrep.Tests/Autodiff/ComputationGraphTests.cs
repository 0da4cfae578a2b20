namespace DeepPrep.Tests.Autodiff;

public class ComputationGraphTests
{
    // o = tanh(x1·w1 + x2·w2 + b): the classic single-neuron graph.
    private static (Tensor O, Tensor[] Leaves) Neuron()
    {
        var x1 = Tensor.Scalar(2.0, DType.Float64).RequireGrad(); x1.Name = "x1";
        var x2 = Tensor.Scalar(0.0, DType.Float64).RequireGrad(); x2.Name = "x2";
        var w1 = Tensor.Scalar(-3.0, DType.Float64).RequireGrad(); w1.Name = "w1";
        var w2 = Tensor.Scalar(1.0, DType.Float64).RequireGrad(); w2.Name = "w2";
        var b = Tensor.Scalar(6.8813735870195432, DType.Float64).RequireGrad(); b.Name = "b";
        var o = (x1 * w1 + x2 * w2 + b).Tanh();
        return (o, [x1, x2, w1, w2, b]);
    }

    [Fact]
    public void NodesEdgesAndDepthsOfANeuron()
    {
        var (o, leaves) = Neuron();
        var graph = ComputationGraph.Of(o);
        // 5 leaves + mul, mul, add, add, tanh.
        Assert.Equal(10, graph.Nodes.Count);
        Assert.Equal(9, graph.Edges.Count);                      // 2 + 2 + 2 + 2 + 1 inputs
        Assert.Same(o, graph.Nodes[^1].Tensor);
        Assert.Equal(4, graph.Nodes[^1].Depth);                  // mul → add → add → tanh
        foreach (var leaf in leaves)
            Assert.Equal(0, graph.Nodes.Single(n => ReferenceEquals(n.Tensor, leaf)).Depth);
        // Every edge goes from an earlier node to a later one (topological order).
        Assert.All(graph.Edges, e => Assert.True(e.From < e.To));
        Assert.Equal(["mul", "mul", "add", "add", "tanh"], graph.Nodes.Where(n => !n.Tensor.IsLeaf).Select(n => n.Tensor.Op));
    }

    [Fact]
    public void SharedInputAppearsOnceWithTwoEdges()
    {
        var a = Tensor.Scalar(3.0, DType.Float64).RequireGrad();
        var f = a * a + a;                                       // a used three times
        var graph = ComputationGraph.Of(f);
        Assert.Equal(3, graph.Nodes.Count);                      // a, mul, add
        Assert.Equal(3, graph.Edges.Count(e => e.From == 0));
    }

    [Fact]
    public void LabelsShowValuesAndGradients()
    {
        var (o, leaves) = Neuron();
        o.Backward();
        var graph = ComputationGraph.Of(o);
        var w1 = graph.Nodes.Single(n => n.Tensor.Name == "w1");
        Assert.Equal("w1 = -3", w1.Label);
        // ∂o/∂w1 = x1·(1 − o²) = 2·0.5 = 1 (o = tanh(0.8814) = 1/√2).
        Assert.Equal(1.0, leaves[2].Grad!.Item(), 1e-12);
        Assert.Equal("grad = 1", w1.GradLabel);
        Assert.Equal("tanh = 0.7071", graph.Nodes[^1].Label);
        Assert.Null(graph.Nodes[^1].GradLabel);                  // an intermediate keeps no gradient without RetainGrad
        var figure = graph.ToFigure();
        Assert.Contains("<svg", figure.ToSvg());
    }
}
