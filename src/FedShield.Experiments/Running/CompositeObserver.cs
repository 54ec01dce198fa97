using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;

namespace FedShield.Experiments.Running;

/// <summary>Forwards the round loop's callbacks to several observers, in order.</summary>
internal sealed class CompositeObserver(params IFederationObserver?[] observers) : IFederationObserver
{
    private readonly IFederationObserver[] _observers = [.. observers.OfType<IFederationObserver>()];

    public void RoundStarted(int round, IReadOnlyList<int> selected)
    {
        foreach (var o in _observers)
        {
            o.RoundStarted(round, selected);
        }
    }

    public void ReplyReceived(int round, ClientReply reply, int done, int total)
    {
        foreach (var o in _observers)
        {
            o.ReplyReceived(round, reply, done, total);
        }
    }

    public void RoundCompleted(RoundRecord record)
    {
        foreach (var o in _observers)
        {
            o.RoundCompleted(record);
        }
    }
}
