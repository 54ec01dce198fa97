using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// "label-flip": a targeted data-poisoning attack. The malicious client trains honestly, but on a
/// copy of its local samples where every sample of the source class is labelled as the target
/// class (<see cref="LabelFlip"/>), and sends the resulting delta.
/// </summary>
public sealed class LabelFlipAttack : IAttack
{
    /// <summary>Creates the attack.</summary>
    /// <param name="source">The class whose samples are relabelled (≥ 0).</param>
    /// <param name="target">The label they get (≥ 0, not <paramref name="source"/>).</param>
    /// <exception cref="ArgumentException">As <see cref="LabelFlip"/>'s constructor.</exception>
    public LabelFlipAttack(int source, int target) => Flip = new LabelFlip(source, target);

    /// <summary>The transform applied to the malicious clients' training samples.</summary>
    public LabelFlip Flip { get; }

    /// <inheritdoc />
    public string Name => "label-flip";

    /// <inheritdoc />
    public override string ToString() => Flip.Name;

    /// <summary>The malicious client: <paramref name="honest"/> over its relabelled training samples; its validation samples are untouched.</summary>
    /// <exception cref="ArgumentException">The client is not an <see cref="ITransformableClient"/>, or a class is outside its data's classes.</exception>
    public IFederatedClient Wrap(IFederatedClient honest, AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(honest);
        ArgumentNullException.ThrowIfNull(context);
        return new Client(honest, DataPoisoning.Poisoned(Name, honest, Flip, context.RunSeed));
    }

    private sealed class Client(IFederatedClient honest, IFederatedClient trainer) : PoisonedClient(honest, trainer)
    {
        protected override ClientReply Poison(ClientUpdate honestUpdate, float[] delta, FitInstruction instruction) => Deltas.Poisoned(honestUpdate, delta);
    }
}
