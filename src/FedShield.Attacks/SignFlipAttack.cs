using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>"sign-flip": sends −scale × its honest delta, pushing the model against its own descent direction.</summary>
public sealed class SignFlipAttack : IAttack
{
    /// <summary>Creates the attack.</summary>
    /// <param name="scale">How far to push (finite, &gt; 0); 1 sends exactly the negated delta.</param>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not finite and positive.</exception>
    public SignFlipAttack(double scale = 1)
    {
        if (!(double.IsFinite(scale) && scale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"the sign-flip scale must be finite and > 0; got {scale}");
        }

        Scale = scale;
    }

    /// <summary>The factor applied to the negated delta.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public string Name => "sign-flip";

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}(scale={Scale})");

    /// <inheritdoc />
    public IFederatedClient Wrap(IFederatedClient honest, AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(honest);
        ArgumentNullException.ThrowIfNull(context);
        return new Client(honest, -Scale);
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
