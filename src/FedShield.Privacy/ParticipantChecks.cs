using FedShield.Federation.Messages;

namespace FedShield.Privacy;

/// <summary>The checks every round-protocol participant here makes before it looks at a message's payload.</summary>
internal static class ParticipantChecks
{
    /// <summary>Why a message is not for this participant's protocol, or not addressed to it; null when it is.</summary>
    public static string? Addressing(ProtocolMessage message, string protocol, int id)
    {
        if (!string.Equals(message.Protocol, protocol, StringComparison.Ordinal))
        {
            return $"this client runs '{protocol}', not '{message.Protocol}'";
        }

        return message.ClientId != id ? $"the message is addressed to client {message.ClientId}" : null;
    }

    /// <summary>
    /// Why a training message cannot start a round here: a round not after the last one started (a replay),
    /// or a missing or mismatched fit instruction; null when it can.
    /// </summary>
    public static string? Training(ProtocolMessage message, int id, int lastRound)
    {
        if (message.Round <= lastRound)
        {
            return $"round {message.Round} is not after round {lastRound}, the last this client started (a replayed or out-of-round message)";
        }

        if (message.Fit is not { } fit)
        {
            return "the training stage carries no fit instruction";
        }

        return fit.Round != message.Round || fit.ClientId != id
            ? $"the fit instruction is for client {fit.ClientId} in round {fit.Round}, not client {id} in round {message.Round}"
            : null;
    }
}
