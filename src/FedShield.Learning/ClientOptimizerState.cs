using FedShield.Federation.State;
using FedShield.Nn.Optim;

namespace FedShield.Learning;

/// <summary>
/// One client's optimizer state kept between its rounds (<see cref="OptimizerStatePolicy.Keep"/>):
/// the step count and SGD's momentum buffer or Adam's two moment vectors, in arrays the client owns.
/// </summary>
internal sealed class ClientOptimizerState(OptimizerKind kind, int parameterCount)
{
    private const string KindKey = "optimizer";
    private const string StepKey = "step";
    private const string MomentumKey = "momentum";
    private const string ExpAvgKey = "exp_avg";
    private const string ExpAvgSqKey = "exp_avg_sq";

    private float[]? _first;
    private float[]? _second;
    private bool _hasFirst;

    /// <summary>Whether any state has been captured (false before the client's first round).</summary>
    public bool HasState { get; private set; }

    /// <summary>Copies the optimizer's state after a round.</summary>
    public void Capture(Optimizer optimizer)
    {
        switch (optimizer)
        {
            case Sgd sgd:
                _hasFirst = sgd.HasMomentumBuffer;
                if (_hasFirst)
                {
                    sgd.MomentumBuffer.CopyTo(_first ??= new float[parameterCount]);
                }

                break;
            case Adam adam:
                Copy(adam.ExpAvg, adam.ExpAvgSq);
                break;
            case AdamW adamW:
                Copy(adamW.ExpAvg, adamW.ExpAvgSq);
                break;
            default:
                throw new InvalidOperationException($"no state capture for {optimizer.GetType().Name}");
        }

        StepCount = optimizer.StepCount;
        HasState = true;
    }

    /// <summary>The steps the kept optimizer has taken over all of the client's rounds.</summary>
    public long StepCount { get; private set; }

    /// <summary>Loads the kept state into <paramref name="optimizer"/>, or resets it when there is none.</summary>
    public void Restore(Optimizer optimizer)
    {
        if (!HasState)
        {
            optimizer.ResetState();
            return;
        }

        switch (optimizer)
        {
            case Sgd sgd:
                sgd.ImportState(new SgdState(StepCount, _hasFirst ? _first : null));
                break;
            case Adam adam:
                adam.ImportState(new AdamState(StepCount, _first!, _second!));
                break;
            case AdamW adamW:
                adamW.ImportState(new AdamState(StepCount, _first!, _second!));
                break;
            default:
                throw new InvalidOperationException($"no state restore for {optimizer.GetType().Name}");
        }
    }

    /// <summary>The state as a bag: empty before the first round, else the optimizer's name, the step count and the vectors.</summary>
    public StateBag Export()
    {
        var bag = new StateBag();
        if (!HasState)
        {
            return bag;
        }

        bag.SetValue(KindKey, Name(kind));
        bag.SetValue(StepKey, StepCount);
        if (kind == OptimizerKind.Sgd)
        {
            if (_hasFirst)
            {
                bag.SetArray(MomentumKey, _first);
            }
        }
        else
        {
            bag.SetArray(ExpAvgKey, _first);
            bag.SetArray(ExpAvgSqKey, _second);
        }

        return bag;
    }

    /// <summary>Replaces the state with the one in <paramref name="bag"/> (an empty bag clears it).</summary>
    /// <exception cref="ArgumentException">The bag was written for another optimizer, lacks an entry, or holds vectors of the wrong length.</exception>
    public void Import(StateBag bag, string owner)
    {
        ArgumentNullException.ThrowIfNull(bag);
        if (bag.Arrays.Count == 0 && bag.Values.Count == 0)
        {
            HasState = false;
            _hasFirst = false;
            StepCount = 0;
            return;
        }

        if (!bag.Values.TryGetValue(KindKey, out var stored) || stored != Name(kind))
        {
            throw new ArgumentException($"{owner}: the saved optimizer state is for '{stored ?? "(none)"}', this client uses '{Name(kind)}'.", nameof(bag));
        }

        long step = bag.GetInt64(StepKey);
        if (step < 0)
        {
            throw new ArgumentException($"{owner}: the saved step count {step} is negative.", nameof(bag));
        }

        if (kind == OptimizerKind.Sgd)
        {
            _hasFirst = bag.TryGetArray(MomentumKey, out var momentum);
            if (_hasFirst)
            {
                Load(momentum, ref _first, MomentumKey, owner);
            }
        }
        else
        {
            Load(bag.GetArray(ExpAvgKey), ref _first, ExpAvgKey, owner);
            Load(bag.GetArray(ExpAvgSqKey), ref _second, ExpAvgSqKey, owner);
        }

        StepCount = step;
        HasState = true;
    }

    private void Copy(ReadOnlySpan<float> first, ReadOnlySpan<float> second)
    {
        first.CopyTo(_first ??= new float[parameterCount]);
        second.CopyTo(_second ??= new float[parameterCount]);
        _hasFirst = true;
    }

    private void Load(float[] values, ref float[]? target, string name, string owner)
    {
        if (values.Length != parameterCount)
        {
            throw new ArgumentException($"{owner}: the saved '{name}' has {values.Length} values; the model has {parameterCount} parameters.", nameof(values));
        }

        values.CopyTo(target ??= new float[parameterCount], 0);
    }

    private static string Name(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => "sgd",
        OptimizerKind.Adam => "adam",
        _ => "adamw",
    };
}
