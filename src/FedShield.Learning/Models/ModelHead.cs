namespace FedShield.Learning.Models;

/// <summary>What a model outputs per sample, which decides the loss and how predictions are read.</summary>
public enum ModelHead
{
    /// <summary>One logit per class (N, C), trained with cross-entropy; the prediction is the first largest logit.</summary>
    Logits,

    /// <summary>One logit for a binary task (N, 1), trained with binary cross-entropy on logits; the prediction is class 1 when the logit is positive.</summary>
    SingleLogit,
}
