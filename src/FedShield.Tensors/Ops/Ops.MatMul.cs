namespace FedShield.Tensors;

public static partial class Ops
{
    /// <summary>Matrix product (…, M, K) · (…, K, N) → (…, M, N); batch axes broadcast.</summary>
    public static Tensor MatMul(Tensor a, Tensor b) => throw new NotImplementedException("MatMul: in progress");

    /// <summary>Affine map x (…, In) · weight (Out, In)ᵀ + bias (Out) → (…, Out), as torch.nn.functional.linear.</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias) => throw new NotImplementedException("Linear: in progress");
}
