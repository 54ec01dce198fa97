namespace FedShield.Experiments.Running;

/// <summary>What a starting run is.</summary>
/// <param name="RunId">The registry id (the run directory's name).</param>
/// <param name="Directory">The run directory (full path).</param>
/// <param name="Name">The experiment name.</param>
/// <param name="ConfigHash">The config hash.</param>
/// <param name="FirstRound">The first round this invocation runs (above 1 when resuming).</param>
/// <param name="TotalRounds">The round budget.</param>
/// <param name="ParameterCount">Model parameters.</param>
/// <param name="DataNote">One line on the data and partition.</param>
/// <param name="Workers">Clients trained at once.</param>
/// <param name="AttackNote">One line on the attack and its clients, or null without one.</param>
/// <param name="PrivacyNote">One line on the privacy mechanisms, or null without any.</param>
public sealed record RunInfo(string RunId, string Directory, string Name, string ConfigHash, int FirstRound, int TotalRounds, int ParameterCount, string DataNote, int Workers, string? AttackNote = null, string? PrivacyNote = null);
