using FedShield.Tensors;
using Xunit;

namespace FedShield.Testing;

/// <summary>
/// Gradient checks by central differences, shared by the engine's test projects (linked, not copied). The engine computes in float32; the difference quotients
/// and the comparison are formed in double, and each output is contracted with fixed random weights
/// so every output element contributes.
/// </summary>
internal static class GradCheck
{
    /// <summary>Compares the autograd gradient of sum(f(inputs) ⊙ w) with central differences for every input element.</summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-2, double rtol = 2e-2, double atol = 2e-3, int seed = 7)
    {
        foreach (var x in inputs)
        {
            x.RequiresGrad = true;
        }

        var probe = f(inputs);
        var w = Tensor.Uniform(new Random(seed), -1f, 1f, probe.Shape.ToArray());
        var analytic = FedShield.Tensors.Autograd.Autograd.Grad([Ops.Sum(Ops.Mul(f(inputs), w))], inputs, allowUnused: true);
        for (int i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i];
            var numeric = new double[x.Count];
            var data = x.Span;
            for (int k = 0; k < data.Length; k++)
            {
                float saved = data[k];
                data[k] = (float)(saved + eps);
                double plus = Contract(f(inputs), w);
                data[k] = (float)(saved - eps);
                double minus = Contract(f(inputs), w);
                data[k] = saved;
                numeric[k] = (plus - minus) / (2 * eps);
            }

            AssertClose(numeric, analytic[i].ToArray(), rtol, atol, $"input {i} of shape {Format(x)}");
        }
    }

    /// <summary>
    /// Checks the second-order path: the Hessian-vector product H·v of the scalar s = sum(f ⊙ w),
    /// computed by differentiating &lt;∇s, v&gt; (createGraph), against central differences of the
    /// gradient, (∇s(x + εv) − ∇s(x − εv)) / 2ε, for each input in turn.
    /// </summary>
    public static void CheckHessianVector(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-2, double rtol = 3e-2, double atol = 3e-3, int seed = 11)
    {
        foreach (var x in inputs)
        {
            x.RequiresGrad = true;
        }

        var probe = f(inputs);
        var w = Tensor.Uniform(new Random(seed), -1f, 1f, probe.Shape.ToArray());
        var rng = new Random(seed + 1);
        var v = inputs.Select(x => Tensor.Uniform(rng, -1f, 1f, x.Shape.ToArray())).ToArray();

        // Analytic: d/dx <∇s(x), v>
        var grads = FedShield.Tensors.Autograd.Autograd.Grad([Ops.Sum(Ops.Mul(f(inputs), w))], inputs, createGraph: true, allowUnused: true);
        Tensor dot = Tensor.Zeros();
        for (int i = 0; i < inputs.Length; i++)
        {
            if (grads[i].RequiresGrad)
            {
                dot = Ops.Add(dot, Ops.Sum(Ops.Mul(grads[i], v[i])));
            }
        }

        Assert.True(dot.RequiresGrad, "the gradient does not depend on the inputs: nothing second-order to check");
        var hv = FedShield.Tensors.Autograd.Autograd.Grad([dot], inputs, allowUnused: true);

        // Numeric: move all inputs along v together.
        var plus = GradAt(f, inputs, w, v, +eps);
        var minus = GradAt(f, inputs, w, v, -eps);
        for (int i = 0; i < inputs.Length; i++)
        {
            var numeric = new double[inputs[i].Count];
            for (int k = 0; k < numeric.Length; k++)
            {
                numeric[k] = (plus[i][k] - minus[i][k]) / (2 * eps);
            }

            AssertClose(numeric, hv[i].ToArray(), rtol, atol, $"H·v for input {i} of shape {Format(inputs[i])}");
        }
    }

    private static float[][] GradAt(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor w, Tensor[] v, double step)
    {
        var saved = inputs.Select(x => x.ToArray()).ToArray();
        using (GradMode.NoGrad())
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                var d = inputs[i].Span;
                var dv = v[i].ReadOnlySpan;
                for (int k = 0; k < d.Length; k++)
                {
                    d[k] = (float)(saved[i][k] + (step * dv[k]));
                }
            }
        }

        var g = FedShield.Tensors.Autograd.Autograd.Grad([Ops.Sum(Ops.Mul(f(inputs), w))], inputs, allowUnused: true);
        for (int i = 0; i < inputs.Length; i++)
        {
            saved[i].CopyTo(inputs[i].Span);
        }

        return g.Select(t => t.ToArray()).ToArray();
    }

    private static string Format(Tensor t) => "(" + string.Join(", ", t.Shape.ToArray()) + ")";

    private static double Contract(Tensor y, Tensor w)
    {
        var ys = y.Contiguous().ToArray();
        var ws = w.ReadOnlySpan;
        double s = 0;
        for (int i = 0; i < ys.Length; i++)
        {
            s += (double)ys[i] * ws[i];
        }

        return s;
    }

    public static void AssertClose(double[] expected, float[] actual, double rtol, double atol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Length == 0 ? 1 : Math.Max(1, expected.Max(Math.Abs));
        for (int k = 0; k < expected.Length; k++)
        {
            double err = Math.Abs(expected[k] - actual[k]);
            Assert.True(
                err <= (atol * scale) + (rtol * Math.Abs(expected[k])),
                $"{what}: element {k}: analytic {actual[k]:G6} vs numeric {expected[k]:G6} (|diff| {err:G3})");
        }
    }
}
