using FedShield.Federation.Messages;
using FedShield.Privacy.Crypto;

namespace FedShield.Privacy.SecureAggregation;

internal sealed partial class ServerRound
{
    /// <summary>Stage 0: parameters and training instruction out, public keys back. Returns U1, ascending.</summary>
    private async Task<List<int>> AdvertiseKeysAsync(CancellationToken cancellationToken)
    {
        var start = _round.Time.GetTimestamp();
        ReadOnlyMemory<byte> payload = _p.Encode();
        var messages = new ProtocolMessage[_round.Selected.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new ProtocolMessage(_round.Round, _round.Selected[i], _name, (int)SecureAggregationStage.AdvertiseKeys, payload, _round.Instructions[i]);
        }

        _serverTime += _round.Time.GetElapsedTime(start);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var accepted = await ExchangeAsync(SecureAggregationStage.AdvertiseKeys, messages, reply =>
        {
            var keys = KeyAdvertisement.Decode(reply.Payload);
            foreach (var key in (ReadOnlySpan<byte[]>)[keys.EncryptionKey, keys.MaskKey])
            {
                if (!seen.TryAdd(Convert.ToHexString(key), reply.ClientId))
                {
                    return $"advertised a public key that client {seen[Convert.ToHexString(key)]} already advertised";
                }
            }

            _keys[reply.ClientId] = keys;
            return null;
        }, cancellationToken).ConfigureAwait(false);
        var u1 = new List<int>(accepted);
        u1.Sort();
        return u1;
    }

    /// <summary>Stage 1: each member of U1 gets its group's keys and answers with sealed shares. Returns, for each client of U2, the boxes addressed to it by clients of U2.</summary>
    private async Task<Dictionary<int, List<AddressedBox>>> ShareKeysAsync(List<int> u1, CancellationToken cancellationToken)
    {
        var start = _round.Time.GetTimestamp();
        var messages = new ProtocolMessage[u1.Count];
        ReadOnlyMemory<byte> shared = default;
        for (var i = 0; i < u1.Count; i++)
        {
            ReadOnlyMemory<byte> payload;
            if (_options.Variant == SecureAggregationVariant.SecAgg && !shared.IsEmpty)
            {
                payload = shared; // every SecAgg client gets the same roster
            }
            else
            {
                var group = _groups[u1[i]];
                var entries = new RosterEntry[group.Length];
                for (var j = 0; j < group.Length; j++)
                {
                    var keys = _keys[group[j]];
                    entries[j] = new RosterEntry(group[j], _points[group[j]], keys.EncryptionKey, keys.MaskKey);
                }

                payload = shared = new Roster(_threshold, entries).Encode();
            }

            messages[i] = new ProtocolMessage(_round.Round, u1[i], _name, (int)SecureAggregationStage.ShareKeys, payload);
        }

        _serverTime += _round.Time.GetElapsedTime(start);
        var received = new Dictionary<int, List<AddressedBox>>();
        var accepted = await ExchangeAsync(SecureAggregationStage.ShareKeys, messages, reply =>
        {
            var sender = reply.ClientId;
            var group = _groups[sender];
            var boxes = AddressedBox.DecodeList(reply.Payload, "share boxes");
            if (boxes.Length != group.Length - 1)
            {
                return $"sent {boxes.Length} share boxes for a group of {group.Length - 1} other members";
            }

            foreach (var box in boxes)
            {
                if (box.PeerId == sender || Array.BinarySearch(group, box.PeerId) < 0)
                {
                    return $"addressed a share box to client {box.PeerId}, which is not another member of its group";
                }
            }

            foreach (var box in boxes)
            {
                if (!received.TryGetValue(box.PeerId, out var list))
                {
                    received[box.PeerId] = list = [];
                }

                list.Add(new AddressedBox(sender, box.Box));
            }

            return null;
        }, cancellationToken).ConfigureAwait(false);

        var inbox = new Dictionary<int, List<AddressedBox>>(accepted.Count);
        foreach (var u in accepted)
        {
            var list = received.GetValueOrDefault(u) ?? [];
            list.Sort((a, b) => a.PeerId.CompareTo(b.PeerId));
            inbox[u] = list;
        }

        return inbox;
    }

    /// <summary>Stage 2: relay the boxes, fold each masked input into <paramref name="sum"/> as it arrives. Returns U3.</summary>
    private async Task<HashSet<int>> CollectMaskedInputsAsync(Dictionary<int, List<AddressedBox>> inbox, ulong[] sum, CancellationToken cancellationToken)
    {
        var start = _round.Time.GetTimestamp();
        var recipients = new List<int>(inbox.Keys);
        recipients.Sort();
        var messages = new ProtocolMessage[recipients.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new ProtocolMessage(_round.Round, recipients[i], _name, (int)SecureAggregationStage.MaskedInputCollection, AddressedBox.EncodeList(inbox[recipients[i]]));
        }

        _serverTime += _round.Time.GetElapsedTime(start);
        return await ExchangeAsync(SecureAggregationStage.MaskedInputCollection, messages, reply =>
        {
            RingVector.UnpackAdd(MaskedInput.Validate(reply.Payload, _p), _p.ElementBytes, sum);
            return null;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stage 3: name survivors and dropped members to each survivor; collect the revealed shares (U5's).</summary>
    private async Task<RevealedShares> CollectSharesAsync(HashSet<int> u2, HashSet<int> u3, CancellationToken cancellationToken)
    {
        var start = _round.Time.GetTimestamp();
        var survivors = new List<int>(u3);
        survivors.Sort();
        var messages = new ProtocolMessage[survivors.Count];
        var wanted = new Dictionary<int, UnmaskRequest>(survivors.Count);
        for (var i = 0; i < messages.Length; i++)
        {
            var u = survivors[i];
            var alive = new List<int>();
            var dropped = new List<int>();
            foreach (var v in _groups[u])
            {
                if (u3.Contains(v))
                {
                    alive.Add(v);
                }
                else if (u2.Contains(v))
                {
                    dropped.Add(v);
                }
            }

            var request = new UnmaskRequest([.. alive], [.. dropped]);
            wanted[u] = request;
            messages[i] = new ProtocolMessage(_round.Round, u, _name, (int)SecureAggregationStage.Unmasking, request.Encode());
        }

        _serverTime += _round.Time.GetElapsedTime(start);
        var shares = new RevealedShares();
        await ExchangeAsync(SecureAggregationStage.Unmasking, messages, reply =>
        {
            var request = wanted[reply.ClientId];
            var entries = ShareEntry.DecodeList(reply.Payload);
            if (CheckShares(entries, request, _points[reply.ClientId]) is { } problem)
            {
                foreach (var e in entries)
                {
                    e.Share.Clear();
                }

                return problem;
            }

            foreach (var e in entries)
            {
                shares.Add(e);
            }

            return null;
        }, cancellationToken).ConfigureAwait(false);
        return shares;
    }

    /// <summary>Why a stage-3 answer does not match its request, or null: exactly one share of the right kind per listed client, at the sender's point.</summary>
    private static string? CheckShares(ShareEntry[] entries, UnmaskRequest request, int point)
    {
        if (entries.Length != request.Survivors.Length + request.Dropped.Length)
        {
            return $"revealed {entries.Length} shares; {request.Survivors.Length + request.Dropped.Length} were requested";
        }

        var seen = new HashSet<int>();
        foreach (var e in entries)
        {
            var expected = Array.BinarySearch(request.Survivors, e.OwnerId) >= 0 ? ShareKind.SelfMaskSeed
                : Array.BinarySearch(request.Dropped, e.OwnerId) >= 0 ? ShareKind.MaskKey
                : (ShareKind?)null;
            if (expected is null || !seen.Add(e.OwnerId))
            {
                return $"revealed an unrequested or repeated share of client {e.OwnerId}";
            }

            if (e.Kind != expected)
            {
                return $"revealed a share of client {e.OwnerId}'s {(e.Kind == ShareKind.MaskKey ? "mask key" : "self-mask seed")}, which was not requested";
            }

            if (e.Share.Point != point)
            {
                return $"revealed a share at point {e.Share.Point}; its point is {point}";
            }
        }

        return null;
    }

    /// <summary>The shares revealed at stage 3, by owner and kind; cleared after unmasking.</summary>
    private sealed class RevealedShares
    {
        public Dictionary<int, List<ShamirShare>> Seeds { get; } = [];

        public Dictionary<int, List<ShamirShare>> Keys { get; } = [];

        public void Add(ShareEntry e)
        {
            var map = e.Kind == ShareKind.SelfMaskSeed ? Seeds : Keys;
            if (!map.TryGetValue(e.OwnerId, out var list))
            {
                map[e.OwnerId] = list = [];
            }

            list.Add(e.Share);
        }

        public void Clear()
        {
            foreach (var list in Seeds.Values.Concat(Keys.Values))
            {
                foreach (var s in list)
                {
                    s.Clear();
                }
            }

            Seeds.Clear();
            Keys.Clear();
        }
    }
}
