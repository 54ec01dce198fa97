using FedShield.Federation.Messages;

namespace FedShield.Federation.Rounds;

/// <summary>Follows a federation as it runs (progress displays, logs). Called on the orchestrator's thread.</summary>
public interface IFederationObserver
{
    /// <summary>A round is about to dispatch its instructions.</summary>
    void RoundStarted(int round, IReadOnlyList<int> selected) { }

    /// <summary>A client replied (or failed); <paramref name="done"/> of <paramref name="total"/> replies are in.</summary>
    void ReplyReceived(int round, ClientReply reply, int done, int total) { }

    /// <summary>A round finished.</summary>
    void RoundCompleted(RoundRecord record) { }
}
