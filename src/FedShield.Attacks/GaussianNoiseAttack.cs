using System.Globalization;
using FedShield.Federation;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// "gaussian-noise": an untargeted attack that sends its honest delta plus independent Gaussian
/// noise N(0, σ²) on every coordinate, to keep the model from converging (the FFL paper's attacker
/// uses σ = 0.5 for MLP and CNN models, 0.2 for larger ones). The noise of client <c>k</c> in round
/// <c>r</c> is drawn from <see cref="SeedStreams.Derive"/>(run seed, <see cref="SeedStreams.Attack"/>, k, r),
/// so the same run seed gives the same poison.
/// </summary>
public sealed class GaussianNoiseAttack : IAttack
{
    /// <summary>Creates the attack.</summary>
    /// <param name="sigma">The noise's standard deviation σ (finite, ≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">σ is negative or not finite.</exception>
    public GaussianNoiseAttack(double sigma)
    {
        if (!(double.IsFinite(sigma) && sigma >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"the noise's standard deviation must be finite and ≥ 0; got {sigma}");
        }

        Sigma = sigma;
    }

    /// <summary>The noise's standard deviation σ.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public string Name => "gaussian-noise";

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}(sigma={Sigma})");

    /// <inheritdoc />
    public IFederatedClient Wrap(IFederatedClient honest, AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(honest);
        ArgumentNullException.ThrowIfNull(context);
        return new Client(honest, Sigma, context.RunSeed);
    }

    private sealed class Client(IFederatedClient honest, double sigma, long runSeed) : PoisonedClient(honest, honest)
    {
        protected override ClientReply Poison(ClientUpdate honestUpdate, float[] delta, FitInstruction instruction)
        {
            Gaussian.AddNoise(delta, sigma, SeedStreams.Create(runSeed, SeedStreams.Attack, Id, instruction.Round));
            return Deltas.Poisoned(honestUpdate, delta);
        }
    }
}
