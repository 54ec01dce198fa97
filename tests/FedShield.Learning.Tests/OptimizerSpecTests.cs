namespace FedShield.Learning.Tests;

public class OptimizerSpecTests
{
    [Fact]
    public void Parse_Sgd_ReadsEveryValueAndDefaultsTheRest()
    {
        var spec = OptimizerSpec.Parse("sgd(lr=0.05, momentum=0.9, nesterov=true)");
        Assert.Equal(OptimizerKind.Sgd, spec.Kind);
        Assert.Equal(0.05, spec.LearningRate);
        Assert.Equal(0.9, spec.Momentum);
        Assert.True(spec.Nesterov);
        Assert.Equal(0, spec.WeightDecay);
        Assert.Equal(OptimizerSpec.Sgd(0.05, 0.9, nesterov: true), spec);
        Assert.Equal(OptimizerSpec.Sgd(), OptimizerSpec.Parse("sgd"));
    }

    [Fact]
    public void Parse_AdamAndAdamW_UseTorchDefaults()
    {
        Assert.Equal(OptimizerSpec.Adam(), OptimizerSpec.Parse("adam"));
        Assert.Equal(OptimizerSpec.AdamW(), OptimizerSpec.Parse("adamw()"));
        Assert.Equal(0.01, OptimizerSpec.Parse("adamw").WeightDecay);
        var adam = OptimizerSpec.Parse("adam(lr=3e-4, beta2=0.99, eps=1e-6, weight_decay=1e-4)");
        Assert.Equal(OptimizerSpec.Adam(3e-4, 0.9, 0.99, 1e-6, 1e-4), adam);
    }

    [Theory]
    [InlineData("sgd(lr=0.05, momentum=0.9)")]
    [InlineData("adam(lr=0.001, beta1=0.8)")]
    [InlineData("adamw(weight_decay=0.1)")]
    public void ToString_ParsesBackToTheSameSpec(string text)
    {
        var spec = OptimizerSpec.Parse(text);
        Assert.Equal(spec, OptimizerSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("rmsprop", "unknown optimizer 'rmsprop'; known optimizers: sgd, adam, adamw.")]
    [InlineData("sgd(beta1=0.9)", "optimizer 'sgd(beta1=0.9)': unknown parameter 'beta1'; accepted: lr, momentum, nesterov, weight_decay.")]
    [InlineData("adam(momentum=0.9)", "optimizer 'adam(momentum=0.9)': unknown parameter 'momentum'; accepted: lr, beta1, beta2, eps, weight_decay.")]
    [InlineData("sgd(lr=fast)", "optimizer 'sgd(lr=fast)': parameter 'lr' must be a finite number such as 0.01 or 1e-4; got 'fast'.")]
    [InlineData("sgd(nesterov=yes)", "optimizer 'sgd(nesterov=yes)': parameter 'nesterov' must be true or false; got 'yes'.")]
    [InlineData("sgd(momentum=1)", "optimizer 'sgd(momentum=1)': SgdOptions: momentum must lie in [0, 1).")]
    [InlineData("sgd(lr=-1)", "optimizer 'sgd(lr=-1)': SgdOptions: the learning rate is negative; it must be ≥ 0.")]
    [InlineData("sgd(nesterov=true)", "optimizer 'sgd(nesterov=true)': SgdOptions: Nesterov momentum requires momentum > 0")]
    [InlineData("adam(beta2=1)", "optimizer 'adam(beta2=1)': AdamOptions: beta2 must lie in [0, 1).")]
    public void Parse_BadSpec_SaysWhatIsWrong(string text, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerSpec.Parse(text));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadSyntax_IsAFormatError()
    {
        var e = Assert.Throws<FormatException>(() => OptimizerSpec.Parse("sgd(lr=0.1"));
        Assert.Contains("optimizer spec 'sgd(lr=0.1': expected ',' or ')' at position 11", e.Message, StringComparison.Ordinal);
    }
}
