using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedShield.Federation.Messages;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

public sealed partial class SecureAggregationClient
{
    /// <summary>Stage 0: check the parameters, train, and advertise two fresh public keys.</summary>
    private async ValueTask<ClientReply> AdvertiseKeysAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        if (_state is { } current && current.Round == message.Round)
        {
            throw new FormatException($"stage 0 of round {message.Round} arrived twice (a replayed message)");
        }

        if (message.Round <= _lastRound)
        {
            throw new FormatException($"round {message.Round} is not after round {_lastRound}, the last one this client took part in (a replayed message)");
        }

        Abandon();
        var p = RoundParameters.Decode(message.Payload.Span);
        if (p.ProtocolName != message.Protocol)
        {
            throw new FormatException($"the parameters describe '{p.ProtocolName}' but the message belongs to '{message.Protocol}'");
        }

        if (message.Fit is not { } fit)
        {
            throw new FormatException("stage 0 carries no training instruction");
        }

        if (fit.Round != message.Round || fit.ClientId != Id || fit.Weights.Length != p.Dimension)
        {
            throw new FormatException($"the training instruction (round {fit.Round}, client {fit.ClientId}, {fit.Weights.Length} weights) does not match the message (round {message.Round}, client {Id}, {p.Dimension} parameters)");
        }

        _lastRound = message.Round;
        var state = new ClientRoundState(message.Round, message.Protocol, p);
        _state = state;
        LastState = state;

        var trained = await _inner.FitAsync(fit, cancellationToken).ConfigureAwait(false);
        if (trained is ClientFailure failure)
        {
            Abandon();
            return failure;
        }

        if (UnusableUpdate(trained, fit) is { } problem)
        {
            Abandon();
            return new ClientFailure(Id, message.Round, FailureKind.Malformed, $"client {Id} produced an unusable update: {problem}");
        }

        var start = _time.GetTimestamp();
        var update = (ClientUpdate)trained;
        var delta = update.Values;
        if (update.Kind == UpdateKind.Weights)
        {
            var weights = fit.Weights.Span;
            for (var i = 0; i < delta.Length; i++)
            {
                delta[i] -= weights[i];
            }
        }

        state.Update = delta;
        state.Weight = FixedPointCodec.WeightOf(update.SampleCount, p);
        state.EncryptionKey = AgreementKey.Create();
        state.MaskKey = AgreementKey.Create();
        state.NextStage = SecureAggregationStage.ShareKeys;
        return Reply(message, new KeyAdvertisement(state.EncryptionKey.PublicKey, state.MaskKey.PublicKey).Encode(), start);
    }

    /// <summary>Stage 1: split b_u and s_u into shares for the group and seal each member's pair for it.</summary>
    private ProtocolReply ShareKeys(ProtocolMessage message, ClientRoundState state)
    {
        var start = _time.GetTimestamp();
        var p = state.Parameters;
        var roster = Roster.Decode(message.Payload.Span, p.Selected);
        var entries = roster.Entries;
        var self = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].ClientId == Id)
            {
                self = i;
            }
        }

        if (self < 0)
        {
            throw new FormatException("the group does not include this client");
        }

        CheckOwnKey(entries[self].EncryptionKey, state.EncryptionKey!, "encryption key");
        CheckOwnKey(entries[self].MaskKey, state.MaskKey!, "mask key");
        // Keys are validated where they are first used (every import checks the point): the
        // encryption keys below, the mask keys at stage 2.
        for (var i = 0; i < entries.Count; i++)
        {
            if (i != self && (entries[i].EncryptionKey.AsSpan().SequenceEqual(entries[self].EncryptionKey) || entries[i].MaskKey.AsSpan().SequenceEqual(entries[self].MaskKey)))
            {
                throw new FormatException($"client {entries[i].ClientId} is listed with this client's own public key");
            }
        }

        var ruleGroup = p.Variant == SecureAggregationVariant.SecAgg ? p.Selected : entries.Count;
        if (p.Variant == SecureAggregationVariant.SecAggPlus && entries.Count > p.Neighbours + 1)
        {
            throw new FormatException($"a SecAgg+ group with {p.Neighbours} neighbours has at most {p.Neighbours + 1} members, not {entries.Count}");
        }

        if (SecureAggregationOptions.ThresholdProblem(roster.Threshold, ruleGroup) is { } thresholdProblem)
        {
            throw new FormatException(thresholdProblem);
        }

        if (roster.Threshold > entries.Count)
        {
            throw new FormatException($"the threshold {roster.Threshold} exceeds the {entries.Count} members who would hold shares");
        }

        state.Group = new Dictionary<int, RosterEntry>(entries.Count);
        var points = new int[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            state.Group[entries[i].ClientId] = entries[i];
            points[i] = entries[i].Point;
        }

        state.Point = entries[self].Point;
        state.Threshold = roster.Threshold;
        state.SelfMaskSeed = Prg.NewSeed();
        var maskSecret = state.MaskKey!.ExportPrivateKey();
        ShamirShare[] seedShares, keyShares;
        try
        {
            seedShares = ShamirSecretSharing.Split(state.SelfMaskSeed, roster.Threshold, points);
            keyShares = ShamirSecretSharing.Split(maskSecret, roster.Threshold, points);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(maskSecret);
        }

        var boxes = new List<AddressedBox>(entries.Count - 1);
        state.BoxKeys = new Dictionary<int, byte[]>(entries.Count - 1);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i == self)
            {
                continue;
            }

            var recipient = entries[i].ClientId;
            var plaintext = SecAggContext.EncodeBoxPlaintext(seedShares[i], keyShares[i]);
            try
            {
                // The same key opens the recipient's box to this client at stage 3.
                var key = SecAggContext.Agree(state.EncryptionKey!, entries[i].EncryptionKey, SecAggContext.BoxKeyPurpose, $"encryption key of client {recipient}");
                state.BoxKeys[recipient] = key;
                boxes.Add(new AddressedBox(recipient, SealedBox.Seal(key, plaintext, SecAggContext.BoxAssociatedData(state.Protocol, state.Round, Id, recipient))));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
                seedShares[i].Clear();
                keyShares[i].Clear();
            }
        }

        state.OwnSeedShare = seedShares[self];
        keyShares[self].Clear();
        state.NextStage = SecureAggregationStage.MaskedInputCollection;
        return Reply(message, AddressedBox.EncodeList(boxes), start);
    }

    /// <summary>Stage 2: keep the relayed boxes and send y_u = x_u + PRG(b_u) + Σ_{v&lt;u} PRG(s_uv) − Σ_{v&gt;u} PRG(s_uv).</summary>
    private ProtocolReply MaskInput(ProtocolMessage message, ClientRoundState state)
    {
        var start = _time.GetTimestamp();
        var p = state.Parameters;
        var relayed = AddressedBox.DecodeList(message.Payload.Span, "relayed share boxes");
        var boxes = new Dictionary<int, byte[]>(relayed.Length);
        foreach (var box in relayed)
        {
            if (box.PeerId == Id || !state.Group!.ContainsKey(box.PeerId))
            {
                throw new FormatException($"a relayed box claims to come from client {box.PeerId}, which is not another member of this client's group");
            }

            boxes[box.PeerId] = box.Box;
        }

        if (boxes.Count + 1 < state.Threshold)
        {
            throw new FormatException($"only {boxes.Count + 1} members of the group (this client included) shared keys; the threshold is {state.Threshold}");
        }

        state.Boxes = boxes;
        var senders = new int[boxes.Count];
        boxes.Keys.CopyTo(senders, 0);
        Array.Sort(senders);

        var acc = new ulong[p.Elements];
        var scratch = new ulong[RingVector.ScratchWords];
        try
        {
            FixedPointCodec.Encode(state.Update, state.Weight, p, acc);
            using (var self = new Prg(state.SelfMaskSeed))
            {
                RingVector.AddMask(acc, self, p.WordBytes, subtract: false, scratch);
            }

            var purpose = SecAggContext.MaskPurpose(state.Protocol, state.Round);
            foreach (var v in senders)
            {
                var seed = SecAggContext.Agree(state.MaskKey!, state.Group![v].MaskKey, purpose, $"mask key of client {v}");
                try
                {
                    using var pairwise = new Prg(seed);
                    RingVector.AddMask(acc, pairwise, p.WordBytes, subtract: v > Id, scratch);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(seed);
                }
            }

            var payload = MaskedInput.Encode(acc, p);
            state.ReleaseMaskingSecrets();
            state.NextStage = SecureAggregationStage.Unmasking;
            return Reply(message, payload, start);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"the masked input could not be computed: {ex.Message}", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(acc.AsSpan()));
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(scratch.AsSpan()));
        }
    }

    /// <summary>Stage 3: check the request and reveal b-shares of survivors and s-shares of dropped clients.</summary>
    private ProtocolReply RevealShares(ProtocolMessage message, ClientRoundState state)
    {
        var start = _time.GetTimestamp();
        var request = UnmaskRequest.Decode(message.Payload.Span);
        var boxes = state.Boxes!;
        var survivors = new HashSet<int>(request.Survivors);
        foreach (var v in request.Dropped)
        {
            if (survivors.Contains(v))
            {
                throw new FormatException($"client {v} is listed both as a survivor and as dropped: revealing both of its shares would unmask its input");
            }

            if (v == Id)
            {
                throw new FormatException("the server lists this client as dropped although it sent its masked input");
            }
        }

        if (!survivors.Contains(Id))
        {
            throw new FormatException("the server does not list this client among the survivors although it sent its masked input");
        }

        foreach (var v in request.Survivors.Concat(request.Dropped))
        {
            if (v != Id && !boxes.ContainsKey(v))
            {
                throw new FormatException($"the request names client {v}, which did not share keys with this client");
            }
        }

        if (request.Survivors.Length + request.Dropped.Length != boxes.Count + 1)
        {
            throw new FormatException($"the request accounts for {request.Survivors.Length + request.Dropped.Length} of the {boxes.Count + 1} group members that shared keys");
        }

        if (request.Survivors.Length < state.Threshold)
        {
            throw new FormatException($"only {request.Survivors.Length} survivors are listed and the threshold is {state.Threshold}: the sum would hold too few inputs");
        }

        var entries = new List<ShareEntry>(request.Survivors.Length + request.Dropped.Length);
        try
        {
            foreach (var v in request.Survivors)
            {
                entries.Add(new ShareEntry(v, ShareKind.SelfMaskSeed, v == Id ? new ShamirShare(state.Point, state.OwnSeedShare!.Values) : Open(state, v, ShareKind.SelfMaskSeed, Id)));
            }

            foreach (var v in request.Dropped)
            {
                entries.Add(new ShareEntry(v, ShareKind.MaskKey, Open(state, v, ShareKind.MaskKey, Id)));
            }

            var payload = ShareEntry.EncodeList(entries);
            state.Clear();
            _state = null;
            return Reply(message, payload, start);
        }
        finally
        {
            foreach (var e in entries)
            {
                e.Share.Clear();
            }
        }
    }

    /// <summary>Opens the box from <paramref name="sender"/> and keeps the wanted share, zeroing the other.</summary>
    private static ShamirShare Open(ClientRoundState state, int sender, ShareKind kind, int self)
    {
        try
        {
            var (seed, secret) = SecAggContext.OpenBox(state.BoxKeys![sender], state.Boxes![sender], SecAggContext.BoxAssociatedData(state.Protocol, state.Round, sender, self), state.Point);
            var (keep, drop) = kind == ShareKind.SelfMaskSeed ? (seed, secret) : (secret, seed);
            drop.Clear();
            return keep;
        }
        catch (FormatException ex)
        {
            throw new FormatException($"the share box from client {sender} was rejected: {ex.Message}", ex);
        }
    }

    private static string? UnusableUpdate(ClientReply reply, FitInstruction fit)
    {
        if (reply is not ClientUpdate update)
        {
            return $"training answered with a {reply?.GetType().Name ?? "null"}";
        }

        if (update.Round != fit.Round)
        {
            return $"the update is for round {update.Round}, not {fit.Round}";
        }

        if (update.Values is null || update.Values.Length != fit.Weights.Length)
        {
            return $"the update has {update.Values?.Length ?? 0} values; the model has {fit.Weights.Length}";
        }

        if (update.SampleCount <= 0)
        {
            return $"the update reports {update.SampleCount} training samples; expected a positive count";
        }

        var values = update.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return $"the update has a non-finite value ({values[i]}) at index {i}";
            }
        }

        return null;
    }
}
