namespace FedShield.Data.Tests.Vision;

/// <summary>A fact that needs Debian's dataset-fashion-mnist package (installed by .ci/run); skipped without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public const string Folder = "/usr/share/datasets/fashion-mnist";

    public FashionMnistFactAttribute()
    {
        if (!Directory.Exists(Folder))
        {
            Skip = "dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)";
        }
    }
}
