using System.Globalization;
using FedShield.Nn;
using FedShield.Nn.Optim;

namespace FedShield.Learning;

/// <summary>
/// The local optimizer and its hyper-parameters, validated on construction with PyTorch's meaning
/// of every value. Build one with <see cref="Sgd"/>, <see cref="Adam"/>, <see cref="AdamW"/> or
/// <see cref="Parse"/> (<c>sgd(lr=0.01, momentum=0.9)</c>, <c>adam(lr=1e-3, beta2=0.99)</c>).
/// </summary>
public sealed record OptimizerSpec
{
    private static readonly string[] SgdKeys = ["lr", "momentum", "nesterov", "weight_decay"];
    private static readonly string[] AdamKeys = ["lr", "beta1", "beta2", "eps", "weight_decay"];

    private OptimizerSpec(OptimizerKind kind, double learningRate, double momentum, bool nesterov, double weightDecay, double beta1, double beta2, double eps)
    {
        Kind = kind;
        LearningRate = learningRate;
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
    }

    /// <summary>The algorithm.</summary>
    public OptimizerKind Kind { get; }

    /// <summary>The base step size (round 1's; see <see cref="LocalTrainingOptions.LrDecayPerRound"/>).</summary>
    public double LearningRate { get; }

    /// <summary>SGD's momentum factor (0 for none; 0 for Adam and AdamW).</summary>
    public double Momentum { get; }

    /// <summary>Whether SGD uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <summary>Weight decay: L2 added to the gradient (SGD, Adam) or decoupled (AdamW).</summary>
    public double WeightDecay { get; }

    /// <summary>Adam's β₁ (0 for SGD).</summary>
    public double Beta1 { get; }

    /// <summary>Adam's β₂ (0 for SGD).</summary>
    public double Beta2 { get; }

    /// <summary>Adam's ε (0 for SGD).</summary>
    public double Eps { get; }

    /// <summary>SGD with PyTorch's semantics.</summary>
    /// <exception cref="ArgumentException">A value is out of range (learning rate or weight decay negative, momentum outside [0, 1), Nesterov without momentum).</exception>
    public static OptimizerSpec Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false, double weightDecay = 0)
    {
        _ = new SgdOptions(learningRate, momentum, 0, nesterov, weightDecay);
        return new OptimizerSpec(OptimizerKind.Sgd, learningRate, momentum, nesterov, weightDecay, 0, 0, 0);
    }

    /// <summary>Adam with PyTorch's semantics and defaults.</summary>
    /// <exception cref="ArgumentException">A value is out of range (betas outside [0, 1), ε not positive, learning rate or weight decay negative).</exception>
    public static OptimizerSpec Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    {
        _ = new AdamOptions(learningRate, beta1, beta2, eps, weightDecay);
        return new OptimizerSpec(OptimizerKind.Adam, learningRate, 0, false, weightDecay, beta1, beta2, eps);
    }

    /// <summary>AdamW with PyTorch's semantics and defaults (decoupled weight decay 0.01).</summary>
    /// <exception cref="ArgumentException">As <see cref="Adam"/>.</exception>
    public static OptimizerSpec AdamW(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2)
    {
        _ = new AdamWOptions(learningRate, beta1, beta2, eps, weightDecay);
        return new OptimizerSpec(OptimizerKind.AdamW, learningRate, 0, false, weightDecay, beta1, beta2, eps);
    }

    /// <summary>
    /// Parses <c>sgd(lr=…, momentum=…, nesterov=true|false, weight_decay=…)</c>,
    /// <c>adam(lr=…, beta1=…, beta2=…, eps=…, weight_decay=…)</c> or the same for <c>adamw</c>;
    /// omitted values take the defaults of <see cref="Sgd"/>, <see cref="Adam"/> and <see cref="AdamW"/>.
    /// </summary>
    /// <exception cref="FormatException">The syntax is wrong; the message gives the position.</exception>
    /// <exception cref="ArgumentException">The optimizer or a parameter is unknown, or a value is invalid.</exception>
    public static OptimizerSpec Parse(string text)
    {
        var (name, arguments) = SpecSyntax.Parse(text, "optimizer spec");
        string owner = $"optimizer '{text.Trim()}'";
        var keys = name == "sgd" ? SgdKeys : name is "adam" or "adamw" ? AdamKeys : null;
        if (keys is null)
        {
            throw new ArgumentException($"unknown optimizer '{name}'; known optimizers: sgd, adam, adamw.", nameof(text));
        }

        foreach (var a in arguments)
        {
            if (!keys.Contains(a.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"{owner}: unknown parameter '{a.Key}'; accepted: {string.Join(", ", keys)}.", nameof(text));
            }
        }

        double Number(string key, double fallback) =>
            arguments.Find(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase))?.AsDouble(owner) ?? fallback;

        bool adamW = name == "adamw";
        double lr = Number("lr", name == "sgd" ? 0.01 : 1e-3);
        double weightDecay = Number("weight_decay", adamW ? 1e-2 : 0);
        double momentum = Number("momentum", 0);
        bool nesterov = arguments.Find(a => string.Equals(a.Key, "nesterov", StringComparison.OrdinalIgnoreCase))?.AsBoolean(owner) ?? false;
        double beta1 = Number("beta1", 0.9), beta2 = Number("beta2", 0.999), eps = Number("eps", 1e-8);
        try
        {
            return name switch
            {
                "sgd" => Sgd(lr, momentum, nesterov, weightDecay),
                "adam" => Adam(lr, beta1, beta2, eps, weightDecay),
                _ => AdamW(lr, beta1, beta2, eps, weightDecay),
            };
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{owner}: {Explanation(e)}", nameof(text), e);
        }
    }

    // The options' own sentence, without the "(Parameter 'x')" and "Actual value" lines .NET appends.
    private static string Explanation(ArgumentException e)
    {
        string m = e.Message;
        int cut = m.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? m[..cut] : m.Split('\n')[0];
    }

    /// <summary>Builds the optimizer over a materialised model's parameter and gradient buffers.</summary>
    internal Optimizer Create(Module model) => Kind switch
    {
        OptimizerKind.Sgd => new Nn.Optim.Sgd(model, new SgdOptions(LearningRate, Momentum, 0, Nesterov, WeightDecay)),
        OptimizerKind.Adam => new Nn.Optim.Adam(model, new AdamOptions(LearningRate, Beta1, Beta2, Eps, WeightDecay)),
        _ => new Nn.Optim.AdamW(model, new AdamWOptions(LearningRate, Beta1, Beta2, Eps, WeightDecay)),
    };

    /// <summary>The spec in the syntax <see cref="Parse"/> reads, e.g. <c>sgd(lr=0.01, momentum=0.9)</c>.</summary>
    public override string ToString()
    {
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return Kind switch
        {
            OptimizerKind.Sgd => $"sgd(lr={F(LearningRate)}, momentum={F(Momentum)}, nesterov={(Nesterov ? "true" : "false")}, weight_decay={F(WeightDecay)})",
            _ => $"{(Kind == OptimizerKind.Adam ? "adam" : "adamw")}(lr={F(LearningRate)}, beta1={F(Beta1)}, beta2={F(Beta2)}, eps={F(Eps)}, weight_decay={F(WeightDecay)})",
        };
    }
}
