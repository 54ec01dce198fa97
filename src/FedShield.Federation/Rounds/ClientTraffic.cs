using FedShield.Federation.Messages;

namespace FedShield.Federation.Rounds;

/// <summary>The bytes one client exchanged with the server in a round.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Traffic">Bytes sent to it and received from it.</param>
public readonly record struct ClientTraffic(int ClientId, Traffic Traffic);
