namespace FedShield.Data.Tests.Synthetic;

/// <summary>A nearest-class-mean classifier (Euclidean, over flattened samples): the simplest learnability check.</summary>
internal static class NearestClassMean
{
    /// <summary>Accuracy on <see cref="DatasetPair.Test"/> of class means fitted on <see cref="DatasetPair.Train"/>.</summary>
    public static double Accuracy(DatasetPair pair)
    {
        var train = pair.Train;
        int f = train.SampleSize, k = train.ClassCount;
        var means = new double[k * f];
        var counts = train.ClassCounts();
        for (int i = 0; i < train.Count; i++)
        {
            var s = train.Sample(i);
            int c = train.Label(i);
            for (int d = 0; d < f; d++)
            {
                means[(c * f) + d] += s[d] / (double)counts[c];
            }
        }

        int correct = 0;
        var test = pair.Test;
        for (int i = 0; i < test.Count; i++)
        {
            var s = test.Sample(i);
            int best = -1;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double distance = 0;
                for (int d = 0; d < f; d++)
                {
                    double diff = s[d] - means[(c * f) + d];
                    distance += diff * diff;
                }

                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }

            correct += best == test.Label(i) ? 1 : 0;
        }

        return (double)correct / test.Count;
    }
}
