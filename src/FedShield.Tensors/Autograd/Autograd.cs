namespace FedShield.Tensors.Autograd;

/// <summary>Reverse-mode differentiation over the recorded graph.</summary>
public static class Autograd
{
    [ThreadStatic]
    private static List<Tensor>? t_order;

    [ThreadStatic]
    private static Stack<(Tensor Tensor, int NextInput)>? t_stack;

    [ThreadStatic]
    private static int t_epoch;

    /// <summary>
    /// Gradients of <c>sum_i &lt;outputs[i], gradOutputs[i]&gt;</c> with respect to each of
    /// <paramref name="inputs"/>, without touching any tensor's <see cref="Tensor.Grad"/>.
    /// With <paramref name="createGraph"/> the backward pass is recorded, so the returned gradients
    /// can be differentiated again (second-order derivatives). An input not reached by the graph
    /// gets a zero gradient when <paramref name="allowUnused"/> is true and an error otherwise.
    /// </summary>
    /// <param name="outputs">Tensors to differentiate; each scalar unless a matching gradient is given.</param>
    /// <param name="inputs">Tensors (leaves or intermediate) to differentiate with respect to.</param>
    /// <param name="gradOutputs">Optional seeds, one per output (null entries mean ones for a scalar).</param>
    /// <param name="createGraph">Record the backward pass so its results are differentiable.</param>
    /// <param name="allowUnused">Return zeros rather than throw for inputs the outputs do not depend on.</param>
    public static Tensor[] Grad(
        IReadOnlyList<Tensor> outputs,
        IReadOnlyList<Tensor> inputs,
        IReadOnlyList<Tensor?>? gradOutputs = null,
        bool createGraph = false,
        bool allowUnused = false)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs)
        {
            if (!input.RequiresGrad)
            {
                throw new ArgumentException($"Autograd.Grad: input {input} does not require a gradient.", nameof(inputs));
            }

            input.CaptureGrad = true;
        }

        try
        {
            Run(outputs, gradOutputs, createGraph, accumulateLeaves: false);
            var result = new Tensor[inputs.Count];
            for (int i = 0; i < inputs.Count; i++)
            {
                var g = inputs[i].CapturedGrad;
                if (g is null)
                {
                    if (!allowUnused)
                    {
                        throw new InvalidOperationException($"Autograd.Grad: input {i} ({inputs[i]}) is not used by the outputs; pass allowUnused: true to get zeros.");
                    }

                    g = Tensor.Zeros(inputs[i].ShapeArray);
                }

                result[i] = g;
            }

            return result;
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.CaptureGrad = false;
                input.CapturedGrad = null;
            }
        }
    }

    /// <summary>Convenience overload for one output and any number of inputs.</summary>
    public static Tensor[] Grad(Tensor output, IReadOnlyList<Tensor> inputs, bool createGraph = false, bool allowUnused = false) =>
        Grad([output], inputs, null, createGraph, allowUnused);

    /// <summary>Back-propagates from <paramref name="output"/> into the <see cref="Tensor.Grad"/> of every leaf that requires it.</summary>
    internal static void Backward(Tensor output, Tensor? gradOutput, bool createGraph) =>
        Run([output], gradOutput is null ? null : [gradOutput], createGraph, accumulateLeaves: true);

    private static void Run(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor?>? gradOutputs, bool createGraph, bool accumulateLeaves)
    {
        if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
        {
            throw new ArgumentException($"Autograd: {gradOutputs.Count} output gradients given for {outputs.Count} outputs.", nameof(gradOutputs));
        }

        using var mode = GradMode.Set(createGraph);
        var order = TopologicalOrder(outputs);
        try
        {
            for (int i = 0; i < outputs.Count; i++)
            {
                var output = outputs[i];
                if (!output.RequiresGrad)
                {
                    throw new InvalidOperationException($"Autograd: output {output} does not require a gradient (nothing it depends on requires one).");
                }

                var seed = gradOutputs?[i];
                if (seed is null)
                {
                    if (output.Count != 1)
                    {
                        throw new InvalidOperationException($"Autograd: output of shape {ShapeUtil.Format(output.ShapeArray)} is not a scalar; pass a gradient of the same shape.");
                    }

                    seed = Tensor.Ones(output.ShapeArray);
                }
                else if (!ShapeUtil.SameShape(seed.ShapeArray, output.ShapeArray))
                {
                    throw new ArgumentException($"Autograd: gradient shape {ShapeUtil.Format(seed.ShapeArray)} does not match output shape {ShapeUtil.Format(output.ShapeArray)}.");
                }

                Accumulate(output, seed, createGraph, accumulateLeaves);
            }

            Span<Tensor?> slots = new Tensor?[8];
            for (int k = order.Count - 1; k >= 0; k--)
            {
                var t = order[k];
                var g = t.PendingGrad;
                t.PendingGrad = null;
                if (g is null)
                {
                    continue;
                }

                var node = t.GradFn!;
                var grads = node.InputCount <= slots.Length ? slots[..node.InputCount] : new Tensor?[node.InputCount];
                grads.Clear();
                node.Backward(g, grads);
                for (int j = 0; j < grads.Length; j++)
                {
                    var gi = grads[j];
                    if (gi is null)
                    {
                        continue;
                    }

                    var input = node.Input(j);
                    if (!input.RequiresGrad)
                    {
                        continue;
                    }

                    if (!ShapeUtil.SameShape(gi.ShapeArray, input.ShapeArray))
                    {
                        throw new InvalidOperationException($"Autograd: {node.Name} produced a gradient of shape {ShapeUtil.Format(gi.ShapeArray)} for an input of shape {ShapeUtil.Format(input.ShapeArray)}.");
                    }

                    Accumulate(input, gi, createGraph, accumulateLeaves);
                }
            }
        }
        finally
        {
            foreach (var t in order)
            {
                t.PendingGrad = null;
            }

            order.Clear();
        }
    }

    private static void Accumulate(Tensor target, Tensor grad, bool createGraph, bool accumulateLeaves)
    {
        if (target.CaptureGrad)
        {
            target.CapturedGrad = target.CapturedGrad is null ? grad : Ops.Add(target.CapturedGrad, grad);
        }

        if (!target.IsLeaf)
        {
            target.PendingGrad = target.PendingGrad is null ? grad : Ops.Add(target.PendingGrad, grad);
            return;
        }

        if (!accumulateLeaves)
        {
            return;
        }

        if (target.Grad is null)
        {
            // A gradient stored on a leaf outlives any TensorScope, so it gets storage of its own.
            target.Grad = createGraph ? grad : grad.CloneUnpooled();
        }
        else if (createGraph)
        {
            target.Grad = Ops.Add(target.Grad, grad);
        }
        else
        {
            using var noGrad = GradMode.NoGrad();
            target.Grad.AddInPlace(grad);
        }
    }

    // Iterative depth-first search from the outputs; the result lists every tensor with a GradFn
    // that the outputs depend on, inputs before the tensors computed from them.
    private static List<Tensor> TopologicalOrder(IReadOnlyList<Tensor> outputs)
    {
        var order = t_order ??= new List<Tensor>(256);
        var stack = t_stack ??= new Stack<(Tensor, int)>(256);
        order.Clear();
        int epoch = ++t_epoch;
        foreach (var root in outputs)
        {
            if (root.GradFn is null || root.VisitEpoch == epoch)
            {
                continue;
            }

            root.VisitEpoch = epoch;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (t, next) = stack.Pop();
                var node = t.GradFn!;
                if (next < node.InputCount)
                {
                    stack.Push((t, next + 1));
                    var child = node.Input(next);
                    if (child.GradFn is not null && child.VisitEpoch != epoch)
                    {
                        child.VisitEpoch = epoch;
                        stack.Push((child, 0));
                    }
                }
                else
                {
                    order.Add(t);
                }
            }
        }

        return order;
    }
}
