using System.Diagnostics;
using FedShield.Nn.Serialization;
using FedShield.Tensors;

namespace FedShield.Nn.Tests.CrossCheck;

/// <summary>A safetensors file written by FedShield loads into the PyTorch module and gives the same logits.</summary>
public class PyTorchInteropTests
{
    [TorchFact]
    public void SavedModel_LoadsInPyTorch_WithSameLogits()
    {
        foreach (var model in new[] { "mnist-cnn", "adult-mlp" })
        {
            var (fixture, net) = PyTorchFixtureTests.Load(model);

            // Move away from the fixture's initial weights so the check is about what FedShield wrote.
            using (GradMode.NoGrad())
            {
                var rng = new Random(5);
                var buffer = net.ParameterBuffer;
                for (int i = 0; i < buffer.Length; i++)
                {
                    buffer[i] += (float)((rng.NextDouble() - 0.5) * 0.02);
                }
            }

            var input = PyTorchFixtureTests.Input(fixture);
            var logits = net.Forward(input);
            var path = Path.Combine(Path.GetTempPath(), $"fedshield-interop-{model}-{Environment.ProcessId}.safetensors");
            try
            {
                var tensors = net.StateEntries().Select(e => new SafetensorsTensor(e.Name, e.Value.Shape.ToArray(), e.Value.ToArray())).ToList();
                tensors.Add(new SafetensorsTensor("__input", input.Shape.ToArray(), input.ToArray()));
                tensors.Add(new SafetensorsTensor("__logits", logits.Shape.ToArray(), logits.ToArray()));
                Safetensors.Save(path, tensors, new Dictionary<string, string> { ["model"] = model });

                var script = Path.Combine(RepoRoot(), "tools", "pytorch", "make_fixtures.py");
                var psi = new ProcessStartInfo(TorchFactAttribute.PythonPath, [script, "--check-fedshield", path, "--model", model, "--tolerance", "1e-4"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using var p = Process.Start(psi)!;
                string stdout = p.StandardOutput.ReadToEnd();
                string stderr = p.StandardError.ReadToEnd();
                Assert.True(p.WaitForExit(120_000), "the PyTorch check did not finish");
                Assert.True(p.ExitCode == 0, $"{model}: PyTorch check failed (exit {p.ExitCode}): {stdout} {stderr}");
                Assert.StartsWith("OK", stdout.Trim(), StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FedShield.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
