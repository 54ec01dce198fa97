using FedShield.Privacy.DifferentialPrivacy;

namespace FedShield.Privacy.Tests.DifferentialPrivacy;

/// <summary>
/// The accountant against published reference values. The numbers come from the test suites of
/// TensorFlow Privacy (tensorflow/privacy, tensorflow_privacy/privacy/analysis/rdp_accountant_test.py)
/// and of its successor dp_accounting (google/differential-privacy,
/// python/dp_accounting/dp_accounting/rdp/rdp_privacy_accountant_test.py), where they were checked
/// against multi-precision integration; each test names the case it reproduces.
/// </summary>
public class RdpAccountantTests
{
    private static double[] RdpAfter(double q, double sigma, long steps, params double[] orders)
    {
        var accountant = new RdpAccountant(orders);
        accountant.AddSampledGaussian(q, sigma, steps);
        return [.. accountant.Rdp];
    }

    [Fact]
    public void Rdp_PublishedScalarCase()
    {
        // TF Privacy test_compute_rdp_scalar: q = 0.1, σ = 2, 10 steps, α = 5 → 0.07737 (5 places).
        Assert.Equal(0.07737, RdpAfter(0.1, 2, 10, 5)[0], 5);
    }

    [Fact]
    public void Rdp_PublishedSequence_IntegerAndFractionalOrders()
    {
        // q = 0.01, σ = 2.5, 50 steps, α ∈ {1.5, 2.5, 5, 50, 100}.
        // TF Privacy test_compute_rdp_sequence (absolute tolerance 1e-5 there):
        // {0.00065, 0.001085, 0.00218075, 0.023846, 167.416307}.
        double[] orders = [1.5, 2.5, 5, 50, 100];
        double[] tfPrivacy = [0.00065, 0.001085, 0.00218075, 0.023846, 167.416307];
        var rdp = RdpAfter(0.01, 2.5, 50, orders);
        for (var i = 0; i < orders.Length; i++)
        {
            Assert.True(Math.Abs(rdp[i] - tfPrivacy[i]) <= 1e-5, $"α = {orders[i]}: {rdp[i]} vs {tfPrivacy[i]}");
        }

        // dp_accounting test_compute_rdp_poisson_sampled_gaussian lists the integer orders to nine
        // digits: 2.18075656e-03, 2.38460375e-02, 1.67416308e+02.
        Assert.Equal(2.18075656e-03, rdp[2], 2.18075656e-03 * 1e-8);
        Assert.Equal(2.38460375e-02, rdp[3], 2.38460375e-02 * 1e-8);
        Assert.Equal(1.67416308e+02, rdp[4], 1.67416308e+02 * 1e-8);

        // For the fractional orders it lists 6.70579741e-04 and 1.08548710e-03, which lie above the
        // exact values (multi-precision quadrature of the defining integral, rdp_reference.py:
        // 6.5007089718804e-04 and 1.08541805691812e-03); its values are upper bounds, ours exact.
        Assert.Equal(6.5007089718804e-04, rdp[0], 6.5e-04 * 1e-9);
        Assert.Equal(1.08541805691812e-03, rdp[1], 1.09e-03 * 1e-9);
        Assert.True(rdp[0] <= 6.70579741e-04 && rdp[1] <= 1.08548710e-03);
    }

    [Theory]
    [InlineData(1e-6, 0.1, 1.25, 0.70631852945115)]
    [InlineData(1e-6, 0.1, 1.5, 33.553468429618)]
    [InlineData(0.3, 0.05, 1.25, 243.98013597837)]
    [InlineData(0.5, 0.3, 1.25, 4.1706363253078)]
    [InlineData(0.5, 0.3, 2.25, 11.252336891057)]
    [InlineData(0.5, 1.0, 1.25, 0.18403840772767)]
    [InlineData(0.999, 0.5, 1.5, 2.9974055952277)]
    public void Rdp_FractionalOrders_ExtremeRegimes_MatchMultiPrecisionQuadrature(double q, double sigma, double alpha, double expected)
    {
        // Tiny q with tiny σ, huge RDP, q near 1: references from rdp_reference.py (mpmath, 50 digits).
        var actual = RdpAccountant.SampledGaussianRdp(q, sigma, alpha);
        Assert.True(Math.Abs(actual - expected) <= 1e-11 * expected, $"{actual:R} vs {expected:R}");
    }

    [Fact]
    public void Rdp_NoSampling_IsGaussianMechanism_NoData_IsZero()
    {
        // TF Privacy test_compute_rdp_no_sampling / test_compute_rdp_no_data: q = 1, σ = 10, α = 20 → 0.1; q = 0 → 0.
        Assert.Equal(0.1, RdpAfter(1, 10, 1, 20)[0], 15);
        Assert.Equal(0.0, RdpAfter(0, 10, 1, 20)[0]);
        Assert.Equal(2.5 / (2 * 0.7 * 0.7), RdpAccountant.SampledGaussianRdp(1, 0.7, 2.5), 14);
    }

    [Fact]
    public void Epsilon_PublishedComposition_ClassicConversion()
    {
        // TF Privacy test_check_composition, with the RDP → (ε, δ) conversion of Mironov 2017 that
        // the test recorded: 40000 steps of (q = 1e-4, σ = 0.4) then 100 steps of (q = 0.1, σ = 2),
        // δ = 1e-5 → ε = 8.509656 at order 2.5.
        double[] orders = [1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 64, 256];
        var accountant = new RdpAccountant(orders);
        accountant.AddSampledGaussian(1e-4, 0.4, 40_000);
        accountant.AddSampledGaussian(0.1, 2, 100);
        var spent = accountant.GetEpsilon(1e-5);
        Assert.Equal(8.509656, spent.Epsilon, 5);
        Assert.Equal(2.5, spent.Order);
        Assert.Equal(1e-5, spent.Delta);
        Assert.Equal(40_100, accountant.Steps);

        // The improved conversion is never looser.
        Assert.True(accountant.GetEpsilon(1e-5, RdpConversion.Improved).Epsilon <= spent.Epsilon);
    }

    [Fact]
    public void Epsilon_PublishedGaussianCalibration_ImprovedConversion()
    {
        // TF Privacy test_get_privacy_spent_check_target_delta (second case) and dp_accounting
        // test_compute_epsilon_delta_gaussian: the Gaussian mechanism (q = 1) with σ = 4.530877117,
        // orders 1.000..99.999 step 0.001, δ = 1e-6 → ε = 1 (7 places) by the improved conversion.
        var orders = Enumerable.Range(1001, 98_999).Select(i => i * 0.001);
        var accountant = new RdpAccountant(orders);
        accountant.AddSampledGaussian(1, 4.530877117);
        Assert.Equal(1.0, accountant.GetEpsilon(1e-6, RdpConversion.Improved).Epsilon, 7);
    }

    [Fact]
    public void Epsilon_ClassicConversion_HandComputedForGaussian()
    {
        // q = 1: RDP(α) = α/(2σ²); with σ = 2, α ∈ {2, 4, 8}, δ = 1e-5:
        // ε(α) = α/8 + ln(1e5)/(α − 1) = {11.7629, 4.3376, 2.6447}: the minimum is at α = 8.
        var accountant = new RdpAccountant([2, 4, 8]);
        accountant.AddSampledGaussian(1, 2);
        var spent = accountant.GetEpsilon(1e-5);
        Assert.Equal(1 + (Math.Log(1e5) / 7), spent.Epsilon, 12);
        Assert.Equal(8, spent.Order);
    }

    [Fact]
    public void Epsilon_ImprovedConversion_HandComputed()
    {
        // ε(α) = ρ + ln((α−1)/α) − (ln δ + ln α)/(α − 1) for the Gaussian mechanism at one order.
        var accountant = new RdpAccountant([32]);
        accountant.AddSampledGaussian(1, 4);
        var rho = 32 / (2.0 * 16);
        var expected = rho + Math.Log(31.0 / 32) - ((Math.Log(1e-5) + Math.Log(32)) / 31);
        Assert.Equal(expected, accountant.GetEpsilon(1e-5, RdpConversion.Improved).Epsilon, 12);
    }

    [Fact]
    public void Composition_IsAdditive_AcrossStepsAndMechanisms()
    {
        var batch = new RdpAccountant();
        batch.AddSampledGaussian(0.05, 1.1, 30);
        batch.AddSampledGaussian(0.2, 3.0, 7);

        var oneByOne = new RdpAccountant();
        for (var i = 0; i < 30; i++)
        {
            oneByOne.AddSampledGaussian(0.05, 1.1);
            if (i < 7)
            {
                oneByOne.AddSampledGaussian(0.2, 3.0);
            }
        }

        var orders = RdpAccountant.DefaultOrders;
        for (var i = 0; i < orders.Count; i++)
        {
            var expected = (30 * RdpAccountant.SampledGaussianRdp(0.05, 1.1, orders[i])) + (7 * RdpAccountant.SampledGaussianRdp(0.2, 3.0, orders[i]));
            Assert.Equal(expected, batch.Rdp[i], expected * 1e-12);
            Assert.Equal(expected, oneByOne.Rdp[i], expected * 1e-12);
        }

        Assert.Equal(37, batch.Steps);
        Assert.Equal(37, oneByOne.Steps);
    }

    [Fact]
    public void FractionalSeries_AtIntegerOrder_EqualsBinomialExpansion()
    {
        foreach (var (q, sigma) in new[] { (0.01, 1.0), (0.3, 0.7), (0.9, 2.0), (1e-5, 5.0) })
        {
            foreach (var alpha in new[] { 2, 3, 7, 20 })
            {
                var exact = SampledGaussianRdp.LogAIntegerOrder(q, sigma, alpha);
                var series = SampledGaussianRdp.LogAFractionalOrder(q, sigma, alpha);
                Assert.True(Math.Abs(exact - series) <= (1e-10 * Math.Abs(exact)) + 1e-15, $"q={q} σ={sigma} α={alpha}: {exact} vs {series}");
            }
        }
    }

    [Fact]
    public void Rdp_IsMonotone_InOrderSamplingRateAndNoise()
    {
        double previous = 0;
        foreach (var alpha in RdpAccountant.DefaultOrders)
        {
            var rdp = RdpAccountant.SampledGaussianRdp(0.02, 1.0, alpha);
            Assert.True(rdp >= previous, $"RDP fell at α = {alpha}");
            previous = rdp;
        }

        Assert.True(RdpAccountant.SampledGaussianRdp(0.02, 1.0, 2.5) < RdpAccountant.SampledGaussianRdp(0.04, 1.0, 2.5));
        Assert.True(RdpAccountant.SampledGaussianRdp(0.02, 1.0, 2.5) > RdpAccountant.SampledGaussianRdp(0.02, 1.5, 2.5));
        Assert.True(RdpAccountant.SampledGaussianRdp(0.02, 1.0, 2.5) < RdpAccountant.SampledGaussianRdp(1, 1.0, 2.5));
    }

    [Fact]
    public void Epsilon_NothingSpent_IsZero_NoNoise_IsInfinite()
    {
        var empty = new RdpAccountant();
        Assert.Equal(0, empty.GetEpsilon(1e-5).Epsilon);
        Assert.Equal(0, empty.Steps);

        var noData = new RdpAccountant();
        noData.AddSampledGaussian(0, 1, 100);
        Assert.Equal(0, noData.GetEpsilon(1e-5).Epsilon);

        var noNoise = new RdpAccountant();
        noNoise.AddSampledGaussian(0.1, 0);
        Assert.Equal(double.PositiveInfinity, noNoise.GetEpsilon(1e-5).Epsilon);
        Assert.True(double.IsNaN(noNoise.GetEpsilon(1e-5).Order));
    }

    [Fact]
    public void GetDelta_InvertsGetEpsilon()
    {
        var accountant = new RdpAccountant();
        accountant.AddSampledGaussian(0.01, 1.1, 1000);
        foreach (var delta in new[] { 1e-3, 1e-5, 1e-8 })
        {
            var eps = accountant.GetEpsilon(delta);
            var back = accountant.GetDelta(eps.Epsilon);
            Assert.Equal(delta, back.Delta, delta * 1e-9);
            Assert.Equal(eps.Order, back.Order);
        }
    }

    [Fact]
    public void Clone_IsIndependent()
    {
        var accountant = new RdpAccountant();
        accountant.AddSampledGaussian(0.1, 1, 5);
        var copy = accountant.Clone();
        copy.AddSampledGaussian(0.1, 1, 5);
        Assert.Equal(5, accountant.Steps);
        Assert.Equal(10, copy.Steps);
        Assert.True(copy.GetEpsilon(1e-5).Epsilon > accountant.GetEpsilon(1e-5).Epsilon);
    }

    [Fact]
    public void DefaultOrders_AsDocumented()
    {
        var orders = RdpAccountant.DefaultOrders;
        Assert.Equal([1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5, 5, 6], orders.Take(12));
        Assert.Equal([63, 64, 80, 96, 128, 256, 512], orders.TakeLast(7));
        Assert.Equal(10 + 60 + 5, orders.Count);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadOrder_Throws(double order)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RdpAccountant([2, order]));
        Assert.Contains("order", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateOrEmptyOrders_Throw()
    {
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => new RdpAccountant([2, 3, 2])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RdpAccountant([]));
    }

    [Fact]
    public void BadArguments_ThrowNamingThem()
    {
        var accountant = new RdpAccountant();
        Assert.Equal("samplingRate", Assert.Throws<ArgumentOutOfRangeException>(() => accountant.AddSampledGaussian(1.5, 1)).ParamName);
        Assert.Equal("samplingRate", Assert.Throws<ArgumentOutOfRangeException>(() => accountant.AddSampledGaussian(-0.1, 1)).ParamName);
        Assert.Equal("noiseMultiplier", Assert.Throws<ArgumentOutOfRangeException>(() => accountant.AddSampledGaussian(0.1, -1)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => accountant.AddSampledGaussian(0.1, 1, -1)).ParamName);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => accountant.GetEpsilon(0)).ParamName);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => accountant.GetEpsilon(1)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => accountant.GetDelta(-1)).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(() => RdpAccountant.SampledGaussianRdp(0.1, 1, 1)).ParamName);
    }
}
