using System.Globalization;
using FedShield.Federation.State;

namespace FedShield.Robust;

/// <content>Checkpointing of the per-client histories.</content>
public sealed partial class FoolsGoldAggregator
{
    private const string HistoryPrefix = "h.";
    private const string LengthName = "length";

    /// <summary>
    /// The histories: one array <c>h.{client id}</c> per client seen so far (the sum of its updates over
    /// the compared coordinates) and the value <c>length</c> (the update length they were built from).
    /// Empty before the first round and when <see cref="FoolsGoldOptions.UseHistory"/> is false.
    /// </summary>
    public StateBag ExportState()
    {
        var bag = new StateBag();
        if (_history.Count == 0)
        {
            return bag;
        }

        bag.SetValue(LengthName, _modelLength);
        foreach (var (id, h) in _history)
        {
            bag.SetArray(HistoryPrefix + id.ToString(CultureInfo.InvariantCulture), h);
        }

        return bag;
    }

    /// <summary>Replaces the histories with those of <paramref name="state"/>, written by <see cref="ExportState"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The state has an entry other than <c>h.{client id}</c> arrays and <c>length</c>, lacks
    /// <c>length</c>, holds histories while this aggregator does not use history, or holds an array
    /// whose length does not match the similarity range applied to <c>length</c> or a non-finite value.
    /// Nothing is changed then.
    /// </exception>
    public void ImportState(StateBag state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var name in state.Values.Keys)
        {
            if (name != LengthName)
            {
                throw new ArgumentException($"foolsgold state has an unexpected value '{name}'; expected only '{LengthName}'", nameof(state));
            }
        }

        var loaded = new SortedDictionary<int, float[]>();
        foreach (var (name, values) in state.Arrays)
        {
            var idText = name.StartsWith(HistoryPrefix, StringComparison.Ordinal) ? name[HistoryPrefix.Length..] : "";
            if (!int.TryParse(idText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
                || id.ToString(CultureInfo.InvariantCulture) != idText)
            {
                throw new ArgumentException($"foolsgold state has an unexpected array '{name}'; expected '{HistoryPrefix}<client id>'", nameof(state));
            }

            loaded.Add(id, values);
        }

        if (loaded.Count == 0)
        {
            _history.Clear();
            _modelLength = -1;
            return;
        }

        if (!Options.UseHistory)
        {
            throw new ArgumentException($"the state holds foolsgold histories of {loaded.Count} clients, but this aggregator compares single updates (UseHistory is false)", nameof(state));
        }

        if (!state.Values.TryGetValue(LengthName, out var lengthText)
            || !int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length < 1)
        {
            throw new ArgumentException($"foolsgold state holds histories but no valid '{LengthName}' (the update length they were built from)", nameof(state));
        }

        var (_, count) = ComparedCoordinates(length, nameof(state));
        foreach (var (id, h) in loaded)
        {
            if (h.Length != count)
            {
                throw new ArgumentException($"foolsgold history of client {id} has {h.Length} values, expected {count} (similarity range {Options.SimilarityRange ?? Range.All} of updates of {length} values)", nameof(state));
            }

            foreach (var x in h)
            {
                if (!float.IsFinite(x))
                {
                    throw new ArgumentException($"foolsgold history of client {id} has a non-finite value ({x})", nameof(state));
                }
            }
        }

        _history.Clear();
        foreach (var (id, h) in loaded)
        {
            _history.Add(id, (float[])h.Clone());
        }

        _modelLength = length;
    }
}
