namespace FedShield.Data.Flows;

/// <summary>How <see cref="CicDdosLoader"/> turns the CSV <c>Label</c> column into classes.</summary>
public enum CicDdosLabels
{
    /// <summary>Two classes, <c>["benign", "attack"]</c>: <c>BENIGN</c> is benign, every other label an attack.</summary>
    Binary = 0,

    /// <summary>One class per label present after class selection, named as in the CSV: <c>BENIGN</c> first, then the others in ordinal order.</summary>
    AttackType = 1,
}
