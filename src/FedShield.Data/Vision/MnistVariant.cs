namespace FedShield.Data.Vision;

/// <summary>The datasets stored in MNIST's IDX layout.</summary>
public enum MnistVariant
{
    /// <summary>Handwritten digits (LeCun, Cortes, Burges).</summary>
    Mnist,

    /// <summary>Zalando's Fashion-MNIST (Xiao, Rasul, Vollgraf, 2017): clothing images in the same format.</summary>
    FashionMnist,
}
