using System.Collections.Concurrent;
using FedShield.Federation;
using FedShield.Federation.Messages;
using FedShield.Federation.Rounds;
using FedShield.Federation.Transport;

namespace FedShield.Attacks;

/// <summary>
/// The explicit channel through which colluding malicious clients share what an attack needs: who
/// they are, which clients the server selected this round (learnt as a federation observer) and the
/// honest updates they are allowed to know. Nothing is shared through globals or statics, and no
/// honest code knows the coalition exists: honest clients are read only through the
/// <see cref="ObservedClient"/> decorator that the deployment puts around them for omniscient attacks.
/// </summary>
/// <remarks>
/// <para>
/// Honest updates are computed on demand, never waited for: the first caller that needs client
/// <c>k</c>'s honest update in a round trains <c>k</c>'s honest client itself, with the instruction
/// <c>k</c> receives (the same round, weights and settings, and <c>k</c>'s own seed
/// <see cref="SeedStreams.Derive"/>(run seed, <see cref="SeedStreams.ClientFit"/>, k, round)), and every
/// later caller of the round (the colluders, the transport's call through <see cref="ObservedClient"/>,
/// the member's own decorator) shares that one run. A caller that finds the run in progress on
/// another thread waits for it; that thread is training, so the wait always ends: no caller ever
/// waits for a client's dispatch by the transport, which would deadlock a bounded worker pool.
/// </para>
/// <para>
/// Only the current round is remembered; <see cref="RoundStarted"/> drops everything of earlier
/// rounds. An omniscient coalition holds the selected clients' updates of one round (selected ×
/// parameters floats).
/// </para>
/// </remarks>
public sealed partial class Coalition : IFederationObserver
{
    private readonly int[] _members;
    private readonly HashSet<int> _memberSet;
    private readonly ConcurrentDictionary<int, IFederatedClient> _honest = new();
    private RoundState? _current;

    /// <summary>Creates the coalition of <paramref name="members"/>.</summary>
    /// <param name="members">The malicious client ids (distinct, non-negative; may be empty).</param>
    /// <param name="runSeed">The federation's run seed, from which each client's fit seed is derived.</param>
    /// <exception cref="ArgumentException">An id is negative or appears twice.</exception>
    public Coalition(IEnumerable<int> members, long runSeed)
    {
        ArgumentNullException.ThrowIfNull(members);
        _members = [.. members];
        Array.Sort(_members);
        for (int i = 0; i < _members.Length; i++)
        {
            if (_members[i] < 0)
            {
                throw new ArgumentException($"client id {_members[i]} is negative", nameof(members));
            }

            if (i > 0 && _members[i] == _members[i - 1])
            {
                throw new ArgumentException($"member {_members[i]} appears twice", nameof(members));
            }
        }

        _memberSet = [.. _members];
        RunSeed = runSeed;
    }

    /// <summary>The run seed the members' and honest clients' fit seeds derive from.</summary>
    public long RunSeed { get; }

    /// <summary>The malicious client ids, ascending.</summary>
    public IReadOnlyList<int> Members => _members;

    /// <summary>Whether <paramref name="clientId"/> is a malicious member.</summary>
    public bool IsMember(int clientId) => _memberSet.Contains(clientId);

    /// <summary>
    /// Records the clients selected for <paramref name="round"/> and forgets every other round's
    /// honest updates. The orchestrator calls it before dispatching the round's instructions.
    /// </summary>
    /// <exception cref="ArgumentException">An id appears twice in <paramref name="selected"/>.</exception>
    public void RoundStarted(int round, IReadOnlyList<int> selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var ids = selected.ToArray();
        Array.Sort(ids);
        for (int i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                throw new ArgumentException($"client {ids[i]} is selected twice in round {round}", nameof(selected));
            }
        }

        Volatile.Write(ref _current, new RoundState(round, ids, [.. ids.Where(IsMember)]));
    }

    /// <summary>The clients selected in <paramref name="round"/> (the current round), ascending.</summary>
    /// <exception cref="InvalidOperationException">The coalition was not told that this round started.</exception>
    public IReadOnlyList<int> SelectedIn(int round) => StateOf(round).Selected;

    /// <summary>The members selected in <paramref name="round"/> (the current round), ascending.</summary>
    /// <exception cref="InvalidOperationException">The coalition was not told that this round started.</exception>
    public IReadOnlyList<int> SelectedMembersIn(int round) => StateOf(round).SelectedMembers;

    /// <summary>
    /// Registers a member's honest client, so that the coalition can train it (once per round) for
    /// the colluders. Colluding attacks call this when they wrap a client; registering the same
    /// client again does nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The client is not a member, or another client with its id is registered.</exception>
    public void Enlist(IFederatedClient honest)
    {
        ArgumentNullException.ThrowIfNull(honest);
        if (!IsMember(honest.Id))
        {
            throw new ArgumentException($"client {honest.Id} is not a member of the coalition (members: {Describe(_members)})", nameof(honest));
        }

        Register(honest);
    }

    /// <summary>
    /// The honest update of the addressed client (a member enlisted with <see cref="Enlist"/> or an
    /// honest client seen through an <see cref="ObservedClient"/>) for this instruction, computed at
    /// most once per round and shared by every caller. The returned update's values are a copy the
    /// caller owns. An exception of the honest client comes back as an <see cref="FailureKind.Error"/>
    /// failure. For an honest client in a round the coalition was not told of, the client is simply
    /// asked to fit.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client is not registered; a member asks in a round the coalition was not told of; or the instruction's seed is not the one the coalition's run seed gives (the coalition was created with another seed than the federation).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async ValueTask<ClientReply> HonestUpdateAsync(FitInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        int id = instruction.ClientId;
        var honest = HonestClient(id, instruction.Round);
        var state = Volatile.Read(ref _current);
        if (state?.Round != instruction.Round)
        {
            if (IsMember(id))
            {
                throw NotStarted(instruction.Round);
            }

            return await honest.FitAsync(instruction, cancellationToken).ConfigureAwait(false);
        }

        CheckSeed(instruction);
        var fit = await FitOnceAsync(state, honest, instruction, cancellationToken).ConfigureAwait(false);
        return fit.Reply is ClientUpdate { Values: { } values } update ? update with { Values = (float[])values.Clone() } : fit.Reply;
    }

    /// <summary>
    /// The honest updates the caller may know this round, as deltas from the instruction's weights,
    /// ordered by client id: not <paramref name="omniscient"/>, those of the members selected this
    /// round (the caller's included); omniscient, those of every client selected this round. Each
    /// client's honest client is trained at most once per round (see the class remarks); a client
    /// whose honest run failed or gave an unusable update (wrong length, non-finite values) is left
    /// out. The vectors are shared between the colluders: read them, never change them.
    /// </summary>
    /// <param name="instruction">The calling member's instruction for this round.</param>
    /// <param name="omniscient">Whether the attacker also knows the honest clients' updates.</param>
    /// <param name="cancellationToken">Stops the wait (and any training this call started).</param>
    /// <exception cref="ArgumentException">The instruction's client is not a member.</exception>
    /// <exception cref="InvalidOperationException">The coalition was not told that this round started, the caller was not selected in it, a needed client is not registered (deploy omniscient attacks with <see cref="AttackDeployment.Deploy"/>), or the instruction's seed does not match the coalition's run seed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async ValueTask<IReadOnlyList<ReadOnlyMemory<float>>> HonestDeltasAsync(FitInstruction instruction, bool omniscient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        int caller = instruction.ClientId;
        if (!IsMember(caller))
        {
            throw new ArgumentException($"client {caller} is not a member of the coalition (members: {Describe(_members)})", nameof(instruction));
        }

        var state = StateOf(instruction.Round);
        int position = Array.BinarySearch(state.SelectedMembers, caller);
        if (position < 0)
        {
            throw new InvalidOperationException($"member {caller} asks for round {instruction.Round}'s honest updates but was not selected in that round");
        }

        CheckSeed(instruction);
        var needed = omniscient ? state.Selected : state.SelectedMembers;
        var clients = needed.Select(id => HonestClient(id, instruction.Round)).ToArray();

        // Start from the caller's own position, so that colluders running at the same time begin
        // with different clients and train them in parallel rather than queue behind one another.
        int start = Array.BinarySearch(needed, caller);
        var fits = new Task<HonestFit>[needed.Length];
        for (int k = 0; k < needed.Length; k++)
        {
            int i = (start + k) % needed.Length;
            fits[i] = FitOnceAsync(state, clients[i], InstructionFor(instruction, needed[i]), cancellationToken).AsTask();
        }

        await Task.WhenAll(fits).ConfigureAwait(false);
        var deltas = new List<ReadOnlyMemory<float>>(needed.Length);
        foreach (var fit in fits)
        {
            if (fit.Result.Delta is { } delta)
            {
                deltas.Add(delta);
            }
        }

        return deltas;
    }

    /// <summary>Registers an honest (non-member) client seen through an <see cref="ObservedClient"/>.</summary>
    internal void Observe(IFederatedClient honest)
    {
        if (IsMember(honest.Id))
        {
            throw new ArgumentException($"client {honest.Id} is a member of the coalition; only honest clients are observed", nameof(honest));
        }

        Register(honest);
    }

    private void Register(IFederatedClient honest)
    {
        var registered = _honest.GetOrAdd(honest.Id, honest);
        if (!ReferenceEquals(registered, honest))
        {
            throw new ArgumentException($"another client with id {honest.Id} is already registered with the coalition", nameof(honest));
        }
    }

    private RoundState StateOf(int round)
    {
        var state = Volatile.Read(ref _current);
        return state?.Round == round ? state : throw NotStarted(round);
    }

    private IFederatedClient HonestClient(int id, int round) =>
        _honest.TryGetValue(id, out var client) ? client
        : IsMember(id) ? throw new InvalidOperationException($"member {id}, selected in round {round}, has no honest client enlisted with the coalition; colluding attacks enlist the clients they wrap")
        : throw new InvalidOperationException($"honest client {id}, selected in round {round}, is not observed by the coalition; deploy omniscient attacks with AttackDeployment.Deploy, which wraps honest clients in an ObservedClient");

    private static InvalidOperationException NotStarted(int round) =>
        new($"the coalition was not told that round {round} started; register it as the federation's observer (IFederationObserver) so that it learns each round's selection");

    private static string Describe(int[] ids) => ids.Length == 0 ? "none" : string.Join(", ", ids);

    /// <summary>One round's selection and the honest fits computed in it, by client id.</summary>
    private sealed class RoundState(int round, int[] selected, int[] selectedMembers)
    {
        public int Round { get; } = round;

        public int[] Selected { get; } = selected;

        public int[] SelectedMembers { get; } = selectedMembers;

        public ConcurrentDictionary<int, FitMemo> Fits { get; } = new();
    }

    /// <summary>A client's honest fit in a round: the instruction it ran with and its (pending) result.</summary>
    private sealed record FitMemo(FitInstruction Instruction, Task<HonestFit> Result);

    /// <summary>A client's honest reply and, when usable, its delta from the round's weights (shared, never changed).</summary>
    private sealed record HonestFit(ClientReply Reply, float[]? Delta);
}
