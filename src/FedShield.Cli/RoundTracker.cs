using FedShield.Experiments.Output;
using FedShield.Experiments.Running;
using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Transport.Http.Server;

namespace FedShield.Cli;

/// <summary>Passes run events on and keeps the server's health endpoint told which round is running.</summary>
internal sealed class RoundTracker(IRunListener? inner, HttpFederationServer server) : IRunListener
{
    public void RunStarted(RunInfo run)
    {
        server.Round = run.FirstRound;
        inner?.RunStarted(run);
    }

    public void RoundStarted(int round, IReadOnlyList<int> selected)
    {
        server.Round = round;
        inner?.RoundStarted(round, selected);
    }

    public void ReplyReceived(int round, ClientReply reply, int done, int total) => inner?.ReplyReceived(round, reply, done, total);

    public void RoundCompleted(RoundRecord record) => inner?.RoundCompleted(record);

    public void RoundWritten(RoundRow row, RoundRecord record) => inner?.RoundWritten(row, record);

    public void CheckpointWritten(int round, string path) => inner?.CheckpointWritten(round, path);
}
