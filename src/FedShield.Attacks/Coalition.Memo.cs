using FedShield.Federation;
using FedShield.Federation.Messages;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

public sealed partial class Coalition
{
    // The instruction `id` receives this round: the caller's, addressed to `id` with `id`'s own seed.
    private FitInstruction InstructionFor(FitInstruction caller, int id) =>
        caller with { ClientId = id, Seed = SeedStreams.Derive(RunSeed, SeedStreams.ClientFit, id, caller.Round) };

    private void CheckSeed(FitInstruction instruction)
    {
        int expected = SeedStreams.Derive(RunSeed, SeedStreams.ClientFit, instruction.ClientId, instruction.Round);
        if (instruction.Seed != expected)
        {
            throw new InvalidOperationException(
                $"client {instruction.ClientId} received seed {instruction.Seed} in round {instruction.Round}, but the coalition's run seed {RunSeed} gives {expected}: create the coalition with the federation's run seed");
        }
    }

    // Trains `honest` with `instruction` unless this round's run of that client exists or is in progress,
    // in which case it shares it. Whoever claims the entry trains at once, so a wait always ends.
    private static async ValueTask<HonestFit> FitOnceAsync(RoundState state, IFederatedClient honest, FitInstruction instruction, CancellationToken cancellationToken)
    {
        int id = instruction.ClientId;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = new TaskCompletionSource<HonestFit>(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = new FitMemo(instruction, source.Task);
            var memo = state.Fits.GetOrAdd(id, mine);
            if (ReferenceEquals(memo, mine))
            {
                return await TrainAsync(state, honest, mine, source, cancellationToken).ConfigureAwait(false);
            }

            CheckSameInstruction(memo.Instruction, instruction);
            try
            {
                return await memo.Result.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The caller that was training it was cancelled and withdrew its entry: train it here.
            }
        }
    }

    private static async ValueTask<HonestFit> TrainAsync(RoundState state, IFederatedClient honest, FitMemo memo, TaskCompletionSource<HonestFit> source, CancellationToken cancellationToken)
    {
        var instruction = memo.Instruction;
        HonestFit fit;
        try
        {
            var reply = await honest.FitAsync(instruction, cancellationToken).ConfigureAwait(false)
                ?? new ClientFailure(instruction.ClientId, instruction.Round, FailureKind.Error, "the client returned no reply");
            fit = new HonestFit(reply, DeltaOf(reply, instruction.Weights.Span));
        }
        catch (OperationCanceledException)
        {
            // Withdraw first, so that a caller with a live token trains it afresh rather than fail.
            state.Fits.TryRemove(new KeyValuePair<int, FitMemo>(instruction.ClientId, memo));
            source.SetCanceled(cancellationToken);
            throw;
        }
#pragma warning disable CA1031 // An honest client's exception is data about that client, as the transport treats it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            fit = new HonestFit(new ClientFailure(instruction.ClientId, instruction.Round, FailureKind.Error, $"{ex.GetType().Name}: {ex.Message}"), null);
        }

        source.SetResult(fit);
        return fit;
    }

    // The update as a delta from `weights`, or null when it is not a usable update.
    private static float[]? DeltaOf(ClientReply reply, ReadOnlySpan<float> weights)
    {
        if (reply is not ClientUpdate { Values: { } values } update || values.Length != weights.Length)
        {
            return null;
        }

        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                return null;
            }
        }

        if (update.Kind == UpdateKind.Delta)
        {
            return values;
        }

        var delta = new float[values.Length];
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] = values[i] - weights[i];
        }

        return delta;
    }

    private static void CheckSameInstruction(FitInstruction first, FitInstruction now)
    {
        string? difference =
            first.Seed != now.Seed ? $"seed {first.Seed}, now {now.Seed}"
            : first.Settings != now.Settings ? "other fit settings"
            : !first.Weights.Equals(now.Weights) && !first.Weights.Span.SequenceEqual(now.Weights.Span) ? "other weights"
            : null;
        if (difference is not null)
        {
            throw new InvalidOperationException(
                $"client {now.ClientId}'s honest update for round {now.Round} was computed from another instruction than the one it received ({difference}); the coalition's run seed or the round's weights do not match the federation's");
        }
    }
}
