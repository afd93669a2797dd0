using DeepImaging.Engine;

namespace DeepImaging;

// Reverse-mode automatic differentiation, micrograd style: every operation that builds a tensor
// from others records its parents and a closure that turns the gradient of its output into
// gradients of its inputs. Backward() walks that graph from the end to the start.
public sealed partial class Tensor
{
    // AsyncLocal rather than ThreadStatic: an await inside a NoGrad scope (allowed at a notebook's top level) may
    // continue on another thread, and the scope must still hold there and end cleanly.
    private static readonly AsyncLocal<int> noGradDepth = new();

    private Tensor[] parents = [];
    private Action<Tensor>? backward;
    private Tensor? pendingGrad;
    private bool graphReleased; // set on an operation's result once a Backward() without retainGraph has gone through it

    /// <summary>Whether gradients flow to this tensor. Set it on leaf tensors (parameters, inputs);
    /// results of operations on such tensors require gradients automatically.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The accumulated gradient of the last <see cref="Backward(bool)"/> calls (leaf tensors only, like PyTorch).</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The operation that produced this tensor (e.g. "Conv2d"), or null for a tensor made from data.</summary>
    public string? Operation { get; private set; }

    /// <summary>True for a tensor made from data rather than by an operation.</summary>
    public bool IsLeaf => backward is null;

    /// <summary>True while no computation graph is recorded (inside a <see cref="NoGrad"/> scope).</summary>
    public static bool IsGradEnabled => noGradDepth.Value == 0;

    /// <summary>Starts a scope in which operations record no graph (for evaluation and optimiser steps): <c>using (Tensor.NoGrad()) { ... }</c>.</summary>
    public static IDisposable NoGrad() => new NoGradScope();

    private sealed class NoGradScope : IDisposable
    {
        private readonly int previous = noGradDepth.Value;
        private bool disposed;
        public NoGradScope() => noGradDepth.Value = previous + 1;
        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            noGradDepth.Value = previous;
        }
    }

    /// <summary>Makes this tensor a leaf that requires gradients and returns it (for fluent code).</summary>
    public Tensor RequireGrad()
    {
        RequiresGrad = true;
        return this;
    }

    /// <summary>A tensor sharing these values but cut from the graph: no gradient flows through it.</summary>
    public Tensor Detach() => new(data, shape);

    /// <summary>Builds the result of an operation and, when gradients are on and an input needs them, records how to differentiate it.</summary>
    internal static Tensor Record(float[] data, int[] shape, string operation, Tensor[] inputs, Action<Tensor> backward)
    {
        var result = new Tensor(data, shape) { Operation = operation };
        if (IsGradEnabled && inputs.Any(t => t.RequiresGrad))
        {
            result.RequiresGrad = true;
            result.parents = inputs;
            result.backward = backward;
        }
        return result;
    }

    /// <summary>Adds a gradient contribution during the backward pass.</summary>
    internal void AccumulateGrad(Tensor gradient)
    {
        if (!RequiresGrad) return;
        if (!Shapes.SameShape(gradient.shape, shape))
            throw new InvalidOperationException($"Autograd: gradient of shape {gradient.ShapeString} reached a tensor of shape {ShapeString} (operation {Operation ?? "leaf"}).");
        if (pendingGrad is null)
        {
            var copy = GradientBuffers.Rent(gradient.data.Length);
            gradient.data.CopyTo(copy, 0);
            pendingGrad = new Tensor(copy, shape);
            return;
        }
        pendingGrad.data.AsSpan().Add(gradient.data);
    }

    /// <summary>
    /// Adds a gradient contribution that an operation's backward pass has just computed into a new array of this tensor's
    /// size (new, or from <see cref="GradientBuffers"/>), which nothing else holds: the first contribution keeps the array
    /// itself instead of a copy.
    /// </summary>
    internal void AccumulateGrad(float[] fresh)
    {
        if (!RequiresGrad) return;
        if (fresh.Length != data.Length)
            throw new InvalidOperationException($"Autograd: a gradient of {fresh.Length} values reached a tensor of shape {ShapeString} (operation {Operation ?? "leaf"}).");
        if (pendingGrad is null)
            pendingGrad = new Tensor(fresh, shape);
        else
            pendingGrad.data.AsSpan().Add(fresh);
    }

    /// <summary>
    /// Computes the gradient of this scalar with respect to every tensor that requires gradients, adding it to their <see cref="Grad"/>.
    /// Like PyTorch, this uses up the graph: a second Backward() through the same operations is refused (it would silently add the
    /// gradients again) unless the first call passed <paramref name="retainGraph"/> = true (PyTorch's <c>retain_graph=True</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not a single value, does not require gradients, or its graph was already used.</exception>
    public void Backward(bool retainGraph = false)
    {
        if (data.Length != 1)
            throw new InvalidOperationException($"Backward: the tensor has shape {ShapeString}; Backward() without a gradient needs a single value (e.g. a loss). Call Backward(gradient) with a gradient of shape {ShapeString}.");
        Backward(Ones(shape), retainGraph);
    }

    /// <summary>
    /// Back-propagates <paramref name="gradient"/> (the gradient of some scalar with respect to this tensor) through the graph;
    /// the graph is used up unless <paramref name="retainGraph"/> is true, as for <see cref="Backward(bool)"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor does not require gradients, or its graph was already used.</exception>
    /// <exception cref="ArgumentException">The gradient's shape differs from the tensor's.</exception>
    public void Backward(Tensor gradient, bool retainGraph = false)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (!RequiresGrad)
            throw new InvalidOperationException("Backward: this tensor does not require gradients; set RequiresGrad = true on the inputs or parameters before computing it.");
        if (!Shapes.SameShape(gradient.shape, shape))
            throw new ArgumentException($"Backward: gradient shape {gradient.ShapeString} does not match the tensor's shape {ShapeString}.", nameof(gradient));

        var order = TopologicalOrder();
        if (order.FirstOrDefault(node => node.graphReleased) is { } used)
            throw new InvalidOperationException(
                $"Backward: the graph through {used.Operation} was already used by an earlier Backward() call, and a second pass would add the same gradients again. " +
                "Compute the result again (run the forward pass) before calling Backward() once more, or pass retainGraph: true to the first Backward() to keep the graph (PyTorch's retain_graph=True).");
        // An operation's output reads the caller's gradient as it is (its backward only reads it); a leaf keeps a copy as its Grad.
        if (IsLeaf) AccumulateGrad(gradient);
        else pendingGrad = gradient;
        using (NoGrad())
        {
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var node = order[i];
                if (node.backward is not null && node.pendingGrad is not null)
                {
                    node.backward(node.pendingGrad);
                    // Only this step used the gradient of an operation's output: its array can serve the next gradient
                    // (the caller's own gradient stays the caller's).
                    if (!ReferenceEquals(node.pendingGrad, gradient)) GradientBuffers.Return(node.pendingGrad.data);
                    node.pendingGrad = null;
                }
            }
        }
        foreach (var node in order)
        {
            if (node.IsLeaf && node.pendingGrad is not null)
                node.Grad = node.Grad is null ? node.pendingGrad : node.Grad.AddInPlace(node.pendingGrad);
            node.pendingGrad = null;
            if (!retainGraph && !node.IsLeaf) node.graphReleased = true;
        }
    }

    private Tensor AddInPlace(Tensor addend)
    {
        data.AsSpan().Add(addend.data);
        return this;
    }

    // Iterative depth-first search (a recursive one would overflow the stack on long training graphs).
    private List<Tensor> TopologicalOrder()
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Node, int NextParent)>();
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.parents.Length)
            {
                stack.Push((node, next + 1));
                var parent = node.parents[next];
                if (parent.RequiresGrad && visited.Add(parent))
                    stack.Push((parent, 0));
            }
            else
            {
                order.Add(node);
            }
        }
        return order;
    }
}
