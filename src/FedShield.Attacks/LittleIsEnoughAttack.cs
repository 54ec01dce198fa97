using System.Globalization;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// "alie", A Little Is Enough (Baruch, Baruch and Goldberg, NeurIPS 2019): the colluders estimate,
/// coordinate by coordinate, the mean μ and standard deviation σ of the honest updates they know and
/// all send μ − z·σ, a shift small enough to pass distance- and median-based defences yet, sent by
/// every colluder, enough to steer the aggregate.
/// </summary>
/// <remarks>
/// <para>
/// Known updates: not omniscient (the paper's setting), the honest deltas of the members selected
/// this round, each computed from the member's own data; omniscient, those of every client selected
/// this round. σ is the sample standard deviation (divisor count − 1; 0 for a single update). Every
/// colluder of a round computes from the same updates in the same order and sends the same vector.
/// </para>
/// <para>
/// The default z is the paper's z_max for the round's n selected clients of which f are members:
/// s = ⌊n/2 + 1⌋ − f honest clients must be "seduced" to side with the attackers, and z_max is the
/// largest z with Φ(z) &lt; (n − f − s)/(n − f), the fraction of honest clients whose value may lie
/// beyond the attackers' (Algorithm 3 of the paper). For n = 50 and f = 12 this gives s = 14 and
/// z = Φ⁻¹(24/38) ≈ 0.336. The bound is undefined when n ≤ 2 or f &gt; n/2; the colluders then return
/// an <see cref="FailureKind.Error"/> failure unless z was given explicitly.
/// </para>
/// </remarks>
public sealed class LittleIsEnoughAttack : IAttack
{
    /// <summary>Creates the attack.</summary>
    /// <param name="omniscient">Whether the colluders also know the honest clients' updates.</param>
    /// <param name="z">The number of standard deviations to shift (finite), or null for the paper's z_max each round.</param>
    /// <exception cref="ArgumentOutOfRangeException">z is not finite.</exception>
    public LittleIsEnoughAttack(bool omniscient, double? z = null)
    {
        if (z is { } value && !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(z), value, "z must be finite");
        }

        Omniscient = omniscient;
        Z = z;
    }

    /// <inheritdoc />
    public bool Omniscient { get; }

    /// <summary>The fixed z, or null for the paper's z_max of each round.</summary>
    public double? Z { get; }

    /// <inheritdoc />
    public string Name => "alie";

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}(omniscient={Omniscient}, z={(Z is { } z ? z.ToString(CultureInfo.InvariantCulture) : "auto")})");

    /// <summary>
    /// The paper's z_max for <paramref name="selected"/> clients of which <paramref name="maliciousSelected"/>
    /// are malicious, as in Baruch et al. (NeurIPS 2019), Algorithm 3: with s = ⌊n/2 + 1⌋ − f the
    /// supporters the attackers need among the honest, z_max = Φ⁻¹((n − s)/n); NaN when that is
    /// undefined (n ≤ 2, or s ≤ 0 because the attackers alone are a majority).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n is below 1, or f is negative or above n.</exception>
    public static double DefaultZ(int selected, int maliciousSelected)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(selected, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maliciousSelected);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maliciousSelected, selected);
        int n = selected;
        int f = maliciousSelected;
        int s = (n / 2) + 1 - f;
        double p = (n - s) / (double)n;
        return p > 0 && p < 1 ? StandardNormal.InverseCdf(p) : double.NaN;
    }

    /// <summary>The colluding client; it enlists <paramref name="honest"/> with the context's coalition.</summary>
    /// <exception cref="ArgumentException">The client is not a member of the coalition.</exception>
    public IFederatedClient Wrap(IFederatedClient honest, AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Client(honest, context.Coalition, Omniscient, Z);
    }

    private sealed class Client(IFederatedClient honest, Coalition coalition, bool omniscient, double? fixedZ) : ColludingClient(honest, coalition, omniscient)
    {
        protected override ClientReply Craft(ClientUpdate ownUpdate, IReadOnlyList<ReadOnlyMemory<float>> known, FitInstruction instruction)
        {
            int n = Coalition.SelectedIn(instruction.Round).Count;
            int f = Coalition.SelectedMembersIn(instruction.Round).Count;
            double z = fixedZ ?? DefaultZ(n, f);
            if (double.IsNaN(z))
            {
                return new ClientFailure(Id, instruction.Round, FailureKind.Error, $"alie: the paper's z is undefined for n = {n} selected clients with f = {f} malicious; give z explicitly");
            }

            var poison = ownUpdate.Values;
            var mean = UpdateStatistics.Mean(known, poison.Length);
            var std = UpdateStatistics.StandardDeviation(known, mean);
            for (int i = 0; i < poison.Length; i++)
            {
                poison[i] = (float)(mean[i] - (z * std[i]));
            }

            return Deltas.Poisoned(ownUpdate, poison);
        }
    }
}
