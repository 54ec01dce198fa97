using System.Globalization;
using FedShield.Federation;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// "targeted-model": the model-poisoning attacker of the multi-model FL paper (after Al Mallah et
/// al.), which steers the global model towards a malicious target model. Each round it sends the
/// poisoned model G + λ·(X − G) for global weights G and target X, that is the delta λ·(X − G),
/// with λ drawn uniformly in [λ_low, λ_high) for client <c>k</c> in round <c>r</c> from
/// <see cref="SeedStreams.Derive"/>(run seed, <see cref="SeedStreams.Attack"/>, k, r).
/// </summary>
/// <remarks>
/// The client still trains honestly each round, so that it reports its real sample count and
/// plausible metrics; the honest delta is then discarded. A target whose length is not the
/// model's gives an <see cref="FailureKind.Error"/> failure without training.
/// </remarks>
public sealed class TargetedModelAttack : IAttack
{
    private readonly float[] _target;

    /// <summary>Creates the attack.</summary>
    /// <param name="target">The malicious target model's weights (copied; all finite).</param>
    /// <param name="lambdaLow">The smallest step towards the target, in [0, lambdaHigh].</param>
    /// <param name="lambdaHigh">The largest step towards the target (finite).</param>
    /// <exception cref="ArgumentException">The target is empty or has a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The λ range is not finite with 0 ≤ low ≤ high.</exception>
    public TargetedModelAttack(ReadOnlyMemory<float> target, double lambdaLow = 0.25, double lambdaHigh = 0.35)
    {
        if (target.IsEmpty)
        {
            throw new ArgumentException("the target model has no weights", nameof(target));
        }

        _target = target.ToArray();
        for (int i = 0; i < _target.Length; i++)
        {
            if (!float.IsFinite(_target[i]))
            {
                throw new ArgumentException($"the target model's weight {i} is {_target[i]}", nameof(target));
            }
        }

        if (!(double.IsFinite(lambdaLow) && double.IsFinite(lambdaHigh) && lambdaLow >= 0 && lambdaLow <= lambdaHigh))
        {
            throw new ArgumentOutOfRangeException(nameof(lambdaLow), lambdaLow, $"the step range [{lambdaLow}, {lambdaHigh}) must be finite with 0 ≤ low ≤ high");
        }

        LambdaLow = lambdaLow;
        LambdaHigh = lambdaHigh;
    }

    /// <summary>The target model's weights.</summary>
    public ReadOnlyMemory<float> Target => _target;

    /// <summary>The smallest step λ towards the target.</summary>
    public double LambdaLow { get; }

    /// <summary>The largest step λ towards the target.</summary>
    public double LambdaHigh { get; }

    /// <inheritdoc />
    public string Name => "targeted-model";

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}(lambda=[{LambdaLow}, {LambdaHigh}))");

    /// <summary>The step λ client <paramref name="clientId"/> takes in <paramref name="round"/>.</summary>
    public double LambdaFor(long runSeed, int clientId, int round) =>
        LambdaLow + ((LambdaHigh - LambdaLow) * SeedStreams.Create(runSeed, SeedStreams.Attack, clientId, round).NextDouble());

    /// <inheritdoc />
    public IFederatedClient Wrap(IFederatedClient honest, AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(honest);
        ArgumentNullException.ThrowIfNull(context);
        return new Client(honest, this, context.RunSeed);
    }

    private sealed class Client(IFederatedClient honest, TargetedModelAttack attack, long runSeed) : PoisonedClient(honest, honest)
    {
        protected override ClientFailure? Refuse(FitInstruction instruction) =>
            instruction.Weights.Length == attack._target.Length ? null
            : new ClientFailure(Id, instruction.Round, FailureKind.Error, $"{attack.Name}: the target model has {attack._target.Length} weights but the global model has {instruction.Weights.Length}");

        protected override ClientReply Poison(ClientUpdate honestUpdate, float[] delta, FitInstruction instruction)
        {
            double lambda = attack.LambdaFor(runSeed, Id, instruction.Round);
            var global = instruction.Weights.Span;
            var target = attack._target;
            for (int i = 0; i < delta.Length; i++)
            {
                delta[i] = (float)(lambda * (target[i] - (double)global[i]));
            }

            return Deltas.Poisoned(honestUpdate, delta);
        }
    }
}
