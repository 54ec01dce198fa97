namespace FedShield.Testing;

/// <summary>A fact that needs the reference data of FEDSHIELD_DATA_DIR; skipped when it is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReferenceDataFactAttribute : FactAttribute
{
    public ReferenceDataFactAttribute()
    {
        if (ReferenceData.Root is null)
        {
            Skip = "FEDSHIELD_DATA_DIR is not set (.ci/run points it at ../shared/data)";
        }
    }
}
