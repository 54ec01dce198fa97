namespace FedShield.Nn.Optim;

/// <summary>Range checks shared by <see cref="AdamOptions"/> and <see cref="AdamWOptions"/>.</summary>
internal static class AdamValidation
{
    public static void Validate(string owner, double learningRate, double beta1, double beta2, double eps, double weightDecay)
    {
        Optimizer.RequireFinite(learningRate, nameof(learningRate), owner);
        Optimizer.RequireFinite(beta1, nameof(beta1), owner);
        Optimizer.RequireFinite(beta2, nameof(beta2), owner);
        Optimizer.RequireFinite(eps, nameof(eps), owner);
        Optimizer.RequireFinite(weightDecay, nameof(weightDecay), owner);
        if (learningRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"{owner}: the learning rate is negative; it must be ≥ 0.");
        }

        if (beta1 < 0 || beta1 >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, $"{owner}: beta1 must lie in [0, 1).");
        }

        if (beta2 < 0 || beta2 >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, $"{owner}: beta2 must lie in [0, 1).");
        }

        if (eps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{owner}: eps must be positive.");
        }

        if (weightDecay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"{owner}: weight decay is negative; it must be ≥ 0.");
        }
    }
}
