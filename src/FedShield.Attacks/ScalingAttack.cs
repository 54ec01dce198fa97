using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>"scaling": sends factor × its honest delta, so that its update outweighs the others in an average.</summary>
public sealed class ScalingAttack : IAttack
{
    /// <summary>Creates the attack.</summary>
    /// <param name="factor">The multiplier (finite).</param>
    /// <exception cref="ArgumentOutOfRangeException">The factor is not finite.</exception>
    public ScalingAttack(double factor)
    {
        if (!double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"the scaling factor must be finite; got {factor}");
        }

        Factor = factor;
    }

    /// <summary>The multiplier applied to the honest delta.</summary>
    public double Factor { get; }

    /// <inheritdoc />
    public string Name => "scaling";

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}(factor={Factor})");

    /// <inheritdoc />
    public IFederatedClient Wrap(IFederatedClient honest, AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(honest);
        ArgumentNullException.ThrowIfNull(context);
        return new Client(honest, Factor);
    }

    private sealed class Client(IFederatedClient honest, double factor) : PoisonedClient(honest, honest)
    {
        protected override ClientReply Poison(ClientUpdate honestUpdate, float[] delta, FitInstruction instruction)
        {
            Deltas.Scale(delta, factor);
            return Deltas.Poisoned(honestUpdate, delta);
        }
    }
}
