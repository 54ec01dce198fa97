namespace FedShield.Federation.Rounds;

/// <summary>Decides, after a round, whether training should stop before its round budget.</summary>
public interface IStoppingRule
{
    /// <summary>Null to go on, or the reason to stop now.</summary>
    string? ShouldStop(RoundRecord record);
}
