using FedShield.Learning.Models;
using FedShield.Nn.Losses;
using FedShield.Tensors;

namespace FedShield.Learning;

/// <summary>The loss and the predictions of a model head: cross-entropy and argmax for logits, BCE-with-logits and sign for a single logit.</summary>
internal static class Scoring
{
    private static readonly CrossEntropyLoss MeanCrossEntropy = new();
    private static readonly CrossEntropyLoss SumCrossEntropy = new(new ClassificationLossOptions(Reduction.Sum));
    private static readonly BceWithLogitsLoss MeanBce = new();
    private static readonly BceWithLogitsLoss SumBce = new(Reduction.Sum);

    /// <summary>Throws unless <paramref name="logits"/> is (batch, outputs) for the head.</summary>
    public static void CheckLogits(ModelBlueprint blueprint, Tensor logits, int batch)
    {
        if (logits.Rank != 2 || logits.Size(0) != batch || logits.Size(1) != blueprint.OutputCount)
        {
            throw new InvalidOperationException($"model '{blueprint.Name}' returned ({string.Join(", ", logits.Shape.ToArray())}) for a batch of {batch}; expected ({batch}, {blueprint.OutputCount}) for its {blueprint.Head} head.");
        }
    }

    /// <summary>The batch loss: the mean over samples, or with <paramref name="sum"/> their sum.</summary>
    public static Tensor Loss(ModelHead head, Tensor logits, BatchBuffers batch, bool sum) => head == ModelHead.SingleLogit
        ? (sum ? SumBce : MeanBce).Forward(logits, batch.BinaryTargets())
        : (sum ? SumCrossEntropy : MeanCrossEntropy).Forward(logits, batch.Labels);

    /// <summary>
    /// The number of samples predicted right; when <paramref name="perClassTotal"/> is not empty,
    /// also counts samples and right predictions per true class.
    /// </summary>
    public static int CountCorrect(ModelHead head, Tensor logits, ReadOnlySpan<int> labels, Span<long> perClassTotal, Span<long> perClassCorrect)
    {
        var values = logits.Contiguous().ReadOnlySpan;
        int outputs = logits.Size(1);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var row = values.Slice(i * outputs, outputs);
            int predicted = head == ModelHead.SingleLogit ? (row[0] > 0f ? 1 : 0) : ArgMax(row);
            bool right = predicted == labels[i];
            if (right)
            {
                correct++;
            }

            if (!perClassTotal.IsEmpty)
            {
                perClassTotal[labels[i]]++;
                if (right)
                {
                    perClassCorrect[labels[i]]++;
                }
            }
        }

        return correct;
    }

    // The first index of the largest value; NaN never wins, so a NaN row predicts class 0.
    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }
}
