using FedShield.Federation.Transport;

namespace FedShield.Experiments.Privacy;

/// <summary>What FFL needs to know of the federation beyond the config.</summary>
/// <param name="Honest">Every client before any attack wrapper (a strategy-3 attacker's clean training).</param>
/// <param name="Malicious">Ids of the attacking clients.</param>
/// <param name="LayerSizes">Parameters per tensor, in the model's order, for the per-layer masks; null for one mask.</param>
/// <param name="LastLayer">The output layer's coordinates, compared by cosine similarity; null for the whole update.</param>
public sealed record FflModel(IReadOnlyList<IFederatedClient> Honest, IReadOnlyList<int> Malicious, IReadOnlyList<int>? LayerSizes, Range? LastLayer);
