using FedShield.Federation;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>What data-poisoning attacks share: a client over poisoned local data.</summary>
internal static class DataPoisoning
{
    /// <summary>
    /// <paramref name="honest"/>'s copy over its training samples after <paramref name="transform"/>,
    /// seeded with <see cref="SeedStreams.Derive"/>(run seed, <see cref="SeedStreams.Attack"/>, id).
    /// </summary>
    /// <exception cref="ArgumentException">The client cannot transform its data, or the transform rejects it.</exception>
    public static IFederatedClient Poisoned(string attack, IFederatedClient honest, ILocalDataTransform transform, long runSeed)
    {
        ArgumentNullException.ThrowIfNull(honest);
        if (honest is not ITransformableClient transformable)
        {
            throw new ArgumentException(
                $"{attack} poisons a client's local data, so it needs a client that can train on transformed data (ITransformableClient); client {honest.Id} is a {honest.GetType().Name}, which cannot",
                nameof(honest));
        }

        var poisoned = transformable.WithLocalDataTransform(transform, SeedStreams.Derive(runSeed, SeedStreams.Attack, honest.Id));
        if (poisoned.Id != honest.Id)
        {
            throw new InvalidOperationException($"client {honest.Id} returned a client with id {poisoned.Id} for its transformed data; the id must stay the same");
        }

        return poisoned;
    }
}
