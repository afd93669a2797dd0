namespace DeepImaging.Tests.Tensors;

/// <summary>
/// Backward() uses up the graph, as in PyTorch: a second pass through the same operations would silently add the
/// gradients again, so it is refused unless the first pass kept the graph (retainGraph, PyTorch's retain_graph=True).
/// </summary>
public class GraphReleaseTests
{
    [Fact]
    public void A_second_backward_through_the_same_graph_is_refused_and_leaves_the_gradient_alone()
    {
        var x = Tensor.From([1f, 2, 3]).RequireGrad();
        var loss = (x * x).Sum();
        loss.Backward();

        var error = Assert.Throws<InvalidOperationException>(() => loss.Backward());

        Assert.Contains("already used by an earlier Backward() call", error.Message);
        Assert.Contains("retainGraph: true", error.Message);
        Assert.Equal([2f, 4, 6], x.Grad!.ToArray()); // 2x, not doubled
    }

    [Fact]
    public void With_retain_graph_a_second_backward_adds_the_gradient_again_as_in_PyTorch()
    {
        var x = Tensor.From([1f, 2, 3]).RequireGrad();
        var loss = (x * x).Sum();

        loss.Backward(retainGraph: true);
        loss.Backward();

        Assert.Equal([4f, 8, 12], x.Grad!.ToArray());
        Assert.Throws<InvalidOperationException>(() => loss.Backward()); // the second call did not keep it
    }

    [Fact]
    public void A_second_backward_through_a_shared_part_of_the_graph_is_refused()
    {
        var x = Tensor.From([1f, 2]).RequireGrad();
        var squares = x * x;
        var a = squares.Sum();
        var b = (squares * 2).Sum();
        a.Backward();

        var error = Assert.Throws<InvalidOperationException>(() => b.Backward());

        Assert.Contains("the graph through Multiply was already used", error.Message);
    }

    [Fact]
    public void An_explicit_gradient_can_keep_the_graph_too()
    {
        var x = Tensor.From([1f, 2]).RequireGrad();
        var y = x * 3;

        y.Backward(Tensor.From([1f, 1]), retainGraph: true);
        y.Backward(Tensor.From([1f, 0]));

        Assert.Equal([6f, 3], x.Grad!.ToArray());
    }

    [Fact]
    public void A_new_forward_pass_builds_a_new_graph_as_a_training_loop_does()
    {
        var w = Tensor.From([2f]).RequireGrad();
        for (int step = 0; step < 3; step++)
            (w * 3).Sum().Backward();

        Assert.Equal(9f, w.Grad![0]);
    }

    [Fact]
    public void Backward_reads_the_callers_gradient_without_changing_or_keeping_it()
    {
        // The output's backward reads the caller's gradient as it is (no copy); it must stay the caller's: unchanged, and
        // never handed out as a work buffer by a later backward pass.
        var x = Tensor.Randn([2, 3, 32, 32], seed: 1).RequireGrad();
        var weight = Tensor.Randn([4, 3, 3, 3], seed: 2);
        var y = Functional.Relu(Functional.Conv2d(x, weight, padding: 1));
        var g = Tensor.Randn([2, 4, 32, 32], seed: 3);
        var before = g.ToArray();

        y.Backward(g, retainGraph: true);
        var once = x.Grad!.ToArray();
        y.Backward(g);
        var twice = x.Grad!.ToArray();
        // The work buffers the passes gave back: none of them may be the caller's array.
        var buffers = Enumerable.Range(0, 3).Select(_ => DeepImaging.Engine.GradientBuffers.Rent(g.Count)).ToList();

        Assert.DoesNotContain(buffers, buffer => ReferenceEquals(buffer, g.data));
        Assert.Equal(before, g.ToArray());
        Assert.Equal(once.Select(v => v + v), twice);
        Assert.Contains(once, v => v != 0);
    }
}
