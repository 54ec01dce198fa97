using FedShield.Nn.Serialization;

namespace FedShield.Nn.Tests.Serialization;

/// <summary>Round-trip property over many seeded random files: every name, shape, metadata entry and value bit pattern survives.</summary>
public class SafetensorsPropertyTests
{
    private static SafetensorsTensor RandomTensor(Random rng, int index)
    {
        var shape = new int[rng.Next(0, 5)];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = rng.Next(0, 5);
        }

        int count = shape.Aggregate(1, (a, b) => a * b);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            // Arbitrary bit patterns: NaN payloads, infinities, subnormals and signed zeros included.
            values[i] = BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue));
        }

        return new SafetensorsTensor($"layer{index}.{(rng.Next(2) == 0 ? "weight" : "bias")}\u00e9\"q", shape, values);
    }

    [Fact]
    public void SaveReadAll_RandomFiles_RoundTripBitForBit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("p.safetensors");
        var rng = new Random(2025);
        for (int trial = 0; trial < 200; trial++)
        {
            var tensors = Enumerable.Range(0, rng.Next(0, 6)).Select(i => RandomTensor(rng, i)).ToList();
            var metadata = Enumerable.Range(0, rng.Next(0, 3)).ToDictionary(i => $"key{i}", i => new string('x', rng.Next(0, 9)) + "\n{}");
            Safetensors.Save(path, tensors, metadata);
            var file = Safetensors.ReadAll(path);
            Assert.Equal(tensors.Select(t => t.Name), file.Tensors.Select(t => t.Name));
            foreach (var expected in tensors)
            {
                var actual = file[expected.Name];
                Assert.Equal(expected.Shape, actual.Shape);
                Assert.Equal(
                    expected.Values.ToArray().Select(BitConverter.SingleToInt32Bits),
                    actual.Values.ToArray().Select(BitConverter.SingleToInt32Bits));
            }

            Assert.Equal(metadata.OrderBy(p => p.Key), file.Metadata.OrderBy(p => p.Key));
        }
    }
}
