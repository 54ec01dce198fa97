using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// "backdoor" (Bagdasaryan et al., How to backdoor federated learning, AISTATS 2020): the malicious
/// client trains on a copy of its local samples where a fraction carries a pixel-pattern trigger
/// and the target label (<see cref="BackdoorPoisoning"/>), and sends the delta, optionally boosted.
/// </summary>
/// <remarks>
/// Model replacement: with a server that applies G + (η/n)·Σᵢ (Lᵢ − G) over n clients at server
/// learning rate η, an attacker that wants the next global model to be X sends
/// L = G + γ·(X − G) with γ = n/η; as the honest deltas roughly cancel near convergence, X then
/// replaces the global model. In delta terms it sends γ × its poisoned delta, which is what
/// <see cref="Boost"/> does. FedShield does not guess γ: pass n/η for the run (FedAvg has η = 1; with
/// sample-weighted averaging the effective n is the round's total samples over the attacker's),
/// or null to send the poisoned delta unscaled.
/// </remarks>
public sealed class BackdoorAttack : IAttack
{
    /// <summary>Creates the attack.</summary>
    /// <param name="trigger">The pattern stamped on poisoned samples (and on test samples to measure the backdoor).</param>
    /// <param name="targetLabel">The class the backdoor leads to (≥ 0).</param>
    /// <param name="poisonFraction">The fraction of each malicious client's training samples to poison, in (0, 1].</param>
    /// <param name="boost">The model-replacement factor γ (finite, &gt; 0), or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public BackdoorAttack(PixelPatternTrigger trigger, int targetLabel, double poisonFraction, double? boost = null)
    {
        Poisoning = new BackdoorPoisoning(trigger, targetLabel, poisonFraction);
        if (boost is { } b && !(double.IsFinite(b) && b > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(boost), b, $"the model-replacement boost must be finite and > 0; got {b}");
        }

        Boost = boost;
    }

    /// <summary>The transform applied to the malicious clients' training samples.</summary>
    public BackdoorPoisoning Poisoning { get; }

    /// <summary>The model-replacement factor γ applied to the poisoned delta, or null for none.</summary>
    public double? Boost { get; }

    /// <inheritdoc />
    public string Name => "backdoor";

    /// <inheritdoc />
    public override string ToString() => Boost is { } b ? string.Create(CultureInfo.InvariantCulture, $"{Poisoning.Name} boost {b}") : Poisoning.Name;

    /// <summary>The malicious client: <paramref name="honest"/> over its poisoned training samples; its validation samples are untouched.</summary>
    /// <exception cref="ArgumentException">The client is not an <see cref="ITransformableClient"/>, or its samples cannot carry the trigger or the target label.</exception>
    public IFederatedClient Wrap(IFederatedClient honest, AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(honest);
        ArgumentNullException.ThrowIfNull(context);
        return new Client(honest, DataPoisoning.Poisoned(Name, honest, Poisoning, context.RunSeed), Boost);
    }

    private sealed class Client(IFederatedClient honest, IFederatedClient trainer, double? boost) : PoisonedClient(honest, trainer)
    {
        protected override ClientReply Poison(ClientUpdate honestUpdate, float[] delta, FitInstruction instruction)
        {
            if (boost is { } gamma)
            {
                Deltas.Scale(delta, gamma);
            }

            return Deltas.Poisoned(honestUpdate, delta);
        }
    }
}
