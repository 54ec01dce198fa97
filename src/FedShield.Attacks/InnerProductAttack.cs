using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// "ipm", inner-product manipulation (Xie, Koyejo and Gupta, UAI 2019): the colluders all send
/// −ε × the mean of the honest updates they know, so that the aggregate's inner product with the
/// true descent direction turns negative while each poisoned update stays small (ε = 0.1 slips past
/// Krum-like defences; large ε such as 100 breaks median-like ones).
/// </summary>
/// <remarks>
/// Known updates: not omniscient, the honest deltas of the members selected this round; omniscient
/// (the paper's setting), those of every client selected this round. Every colluder of a round
/// sends the same vector.
/// </remarks>
public sealed class InnerProductAttack : IAttack
{
    /// <summary>Creates the attack.</summary>
    /// <param name="epsilon">The factor ε (finite, &gt; 0).</param>
    /// <param name="omniscient">Whether the colluders also know the honest clients' updates.</param>
    /// <exception cref="ArgumentOutOfRangeException">ε is not finite and positive.</exception>
    public InnerProductAttack(double epsilon, bool omniscient)
    {
        if (!(double.IsFinite(epsilon) && epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"ε must be finite and > 0; got {epsilon}");
        }

        Epsilon = epsilon;
        Omniscient = omniscient;
    }

    /// <summary>The factor ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public bool Omniscient { get; }

    /// <inheritdoc />
    public string Name => "ipm";

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}(epsilon={Epsilon}, omniscient={Omniscient})");

    /// <summary>The colluding client; it enlists <paramref name="honest"/> with the context's coalition.</summary>
    /// <exception cref="ArgumentException">The client is not a member of the coalition.</exception>
    public IFederatedClient Wrap(IFederatedClient honest, AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Client(honest, context.Coalition, Omniscient, Epsilon);
    }

    private sealed class Client(IFederatedClient honest, Coalition coalition, bool omniscient, double epsilon) : ColludingClient(honest, coalition, omniscient)
    {
        protected override ClientReply Craft(ClientUpdate ownUpdate, IReadOnlyList<ReadOnlyMemory<float>> known, FitInstruction instruction)
        {
            var poison = ownUpdate.Values;
            var mean = UpdateStatistics.Mean(known, poison.Length);
            for (int i = 0; i < poison.Length; i++)
            {
                poison[i] = (float)(-epsilon * mean[i]);
            }

            return Deltas.Poisoned(ownUpdate, poison);
        }
    }
}
